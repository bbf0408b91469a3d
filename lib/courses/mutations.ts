import 'server-only';

// Course writes, one verb-noun file each; import them from here. Every function takes the actor,
// checks the course role it needs itself, and runs in one transaction with an audit event.
export { createCourse } from './create-course';
export { updateCourseSettings } from './update-course-settings';
export { inviteEditor, removeEditor, transferOwnership } from './manage-members';
export { copyTitle, duplicateCourse } from './duplicate-course';
export { archiveCourse, PublishBlockedError, publishCourse, restoreCourse, unpublishCourse } from './change-course-status';
export { deleteCourse, deleteCourseMedia } from './delete-course';
