// Links into the public course pages, in one place so the learning view can take over later.

export const landingHref = (slug: string, invite?: string | null) => `/c/${encodeURIComponent(slug)}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`;

/** Where "Go to course" leads. The learning view arrives in a later issue; until then, the outline on the landing page. */
export const courseHomeHref = (slug: string) => `${landingHref(slug)}#outline`;

export const studentsHref = (courseId: string) => `/courses/${courseId}/students`;
