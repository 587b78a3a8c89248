import {
  PhoneNumberSchema,
  RingGroupSchema,
  type CreateRingGroup,
  type UpdatePhoneNumber,
} from '@crokodialer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson, send } from '../../api/client';

export const numbersKey = ['numbers'] as const;
const ringGroupsKey = ['ring-groups'] as const;

export const useNumbers = () =>
  useQuery({
    queryKey: numbersKey,
    queryFn: () => getJson(z.array(PhoneNumberSchema), '/api/phone-numbers'),
  });

export const useRingGroups = () =>
  useQuery({
    queryKey: ringGroupsKey,
    queryFn: () => getJson(z.array(RingGroupSchema), '/api/ring-groups'),
  });

export function useSetRoute() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...route }: UpdatePhoneNumber & { id: string }) =>
      send(PhoneNumberSchema, 'PATCH', `/api/phone-numbers/${id}`, route),
    onSuccess: () => queries.invalidateQueries({ queryKey: numbersKey }),
  });
}

/** Create (no id) or update a ring group; numbers re-read too (a deleted group unroutes them). */
export function useSaveRingGroup() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...group }: CreateRingGroup & { id?: string }) =>
      id
        ? send(RingGroupSchema, 'PATCH', `/api/ring-groups/${id}`, group)
        : send(RingGroupSchema, 'POST', '/api/ring-groups', group),
    onSuccess: () => queries.invalidateQueries({ queryKey: ringGroupsKey }),
  });
}

export function useDeleteRingGroup() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send(z.null(), 'DELETE', `/api/ring-groups/${id}`),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ringGroupsKey });
      await queries.invalidateQueries({ queryKey: numbersKey });
    },
  });
}
