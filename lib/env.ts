import { parseEnv } from './env-schema';

// The only module that reads process.env. Everything else imports `env`: a bad value fails at
// start with the variable's name and what is expected.
export const env = parseEnv(process.env);

export const oauthProviders = {
  github: Boolean(env.AUTH_GITHUB_ID),
  google: Boolean(env.AUTH_GOOGLE_ID),
};
