import { CreatedInviteSchema, InviteSchema, type CreateInvite } from '@crokodialer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson, send } from '../../api/client';
import { agentsKey } from './agents-api';

const invitesKey = ['agents', 'invites'] as const;

/** Open invites (pending or expired); under the agents key, so agent changes refresh them too. */
export const useInvites = () =>
  useQuery({
    queryKey: invitesKey,
    queryFn: () => getJson(z.array(InviteSchema), '/api/invites'),
  });

export function useCreateInvite() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvite) => send(CreatedInviteSchema, 'POST', '/api/invites', input),
    onSuccess: () => queries.invalidateQueries({ queryKey: agentsKey }),
  });
}

export function useRevokeInvite() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send(z.null(), 'DELETE', `/api/invites/${id}`),
    onSuccess: () => queries.invalidateQueries({ queryKey: agentsKey }),
  });
}
