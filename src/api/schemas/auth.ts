import Type from 'typebox';
import { Agent } from './agent.js';
import { Text, Timestamp } from './common.js';

export const LoginRequest = Type.Object(
  {
    email: Text({ minLength: 3, maxLength: 254 }),
    password: Text({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const LoginResponse = Type.Object({
  token: Type.String(),
  expiresAt: Timestamp,
  agent: Agent,
});

export const Me = Type.Object({ agent: Agent, tokenExpiresAt: Timestamp });
