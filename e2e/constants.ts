// Shared by playwright.config.ts (passed to the server) and the specs.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SETUP_TOKEN = 'e2e-setup-token-0123456789abcdef';
export const ADMIN_STATE = 'e2e/.auth/admin.json';
