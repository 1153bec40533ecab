import Type from 'typebox';
import { Agent } from './agent.js';
import { Timestamp } from './common.js';

export const LoginRequest = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const LoginResponse = Type.Object({
  token: Type.String(),
  expiresAt: Timestamp,
  agent: Agent,
});

export const Me = Type.Object({ agent: Agent, tokenExpiresAt: Timestamp });
