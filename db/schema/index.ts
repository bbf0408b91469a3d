export * from './users';
export * from './system';
export * from './courses';
export * from './media';
export * from './learning';
export * from './assessments';
export * from './analytics';
export * from './materials';
