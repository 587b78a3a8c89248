import {
  AgentSchema,
  WebrtcCredentialSchema,
  type CreateAgent,
  type UpdateAgent,
} from '@crokodialer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson, send } from '../../api/client';
import { ApiFailure } from '../../api/session';

export const agentsKey = ['agents'] as const;
const credentialKey = (id: string) => ['agents', id, 'credential'] as const;

export const useAgents = () =>
  useQuery({ queryKey: agentsKey, queryFn: () => getJson(z.array(AgentSchema), '/api/agents') });

/** The agent's credential, or null when none is provisioned (the API's 404). */
export const useCredential = (agentId: string) =>
  useQuery({
    queryKey: credentialKey(agentId),
    queryFn: async () => {
      try {
        return await getJson(WebrtcCredentialSchema, `/api/agents/${agentId}/webrtc-credential`);
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 404) return null;
        throw err;
      }
    },
  });

function useInvalidate() {
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: agentsKey });
}

export function useCreateAgent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateAgent) => send(AgentSchema, 'POST', '/api/agents', input),
    onSuccess: invalidate,
  });
}

export function useUpdateAgent(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: UpdateAgent) => send(AgentSchema, 'PATCH', `/api/agents/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeactivateAgent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => send(z.null(), 'DELETE', `/api/agents/${id}`),
    onSuccess: invalidate,
  });
}

export type CredentialAction = 'provision' | 'rotate' | 'revoke';

export function useCredentialAction(agentId: string) {
  const invalidate = useInvalidate();
  const base = `/api/agents/${agentId}/webrtc-credential`;
  return useMutation({
    mutationFn: (action: CredentialAction) =>
      action === 'provision'
        ? send(WebrtcCredentialSchema, 'POST', base)
        : action === 'rotate'
          ? send(WebrtcCredentialSchema, 'POST', `${base}/rotate`)
          : send(z.null(), 'DELETE', base),
    onSuccess: invalidate,
  });
}

/** A temporary password the admin passes on once; the agent changes it after signing in. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
