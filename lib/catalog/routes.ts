// Links into the public course pages, in one place so the learning view can take over later.

export const landingHref = (slug: string, invite?: string | null) => `/c/${encodeURIComponent(slug)}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`;

/** Where "Go to course" leads: the learning view, which opens the next unfinished lesson. */
export const courseHomeHref = (slug: string) => `/learn/${slug}`;
export const lessonHref = (slug: string, lessonId: string) => `/learn/${slug}/${lessonId}`;
export const courseCompleteHref = (slug: string) => `/learn/${slug}/complete`;

export const studentsHref = (courseId: string) => `/courses/${courseId}/students`;
