/** A field error that is an i18n key (`validation.titleTooLong`), not free text from the server. */
export const isTranslatable = (message: string) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(message);
