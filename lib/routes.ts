/** Only same-site paths: never redirect to another origin after sign-in (open-redirect guard). */
export function safeCallbackUrl(raw: string | null | undefined): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/dashboard';
}
