// Limits for homework attachments, shared by the composer (checks before sending) and the server.

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENTS_PER_MESSAGE = 10;
/** Signed GET URLs live this long; the app hands out a fresh one on every request. */
export const ATTACHMENT_URL_TTL_SECONDS = 300;
export const ATTACHMENT_SNIFF_BYTES = 64 * 1024;

/** What may be attached, by real type (sniffed from the first bytes), with the extensions allowed for it. */
export const ATTACHMENT_TYPES = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/msword': ['.doc', '.xls', '.ppt'],
  'application/zip': ['.zip'],
  'text/plain': ['.txt', '.md', '.csv'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export const ACCEPT_ATTRIBUTE = Object.values(ATTACHMENT_TYPES).flat().join(',');

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

export const isImageType = (type: string) => type.startsWith('image/');

/** True when the file name's extension is one we accept at all (the contents are checked later). */
export const isAllowedExtension = (name: string) => (Object.values(ATTACHMENT_TYPES) as readonly (readonly string[])[]).some((exts) => exts.includes(extensionOf(name)));
