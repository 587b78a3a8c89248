import { OrgSettingsSchema, type UpdateOrgSettings } from '@crokodialer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, send } from '../../api/client';

const settingsKey = ['org-settings'] as const;

export const useSettings = () =>
  useQuery({
    queryKey: settingsKey,
    queryFn: () => getJson(OrgSettingsSchema, '/api/org/settings'),
  });

export function useSaveSettings() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOrgSettings) =>
      send(OrgSettingsSchema, 'PATCH', '/api/org/settings', input),
    onSuccess: (data) => queries.setQueryData(settingsKey, data),
  });
}

/** Provisions what is missing at Telnyx now; a failure is kept on the settings, so re-read. */
export function useProvision() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => send(OrgSettingsSchema, 'POST', '/api/org/telnyx/provision'),
    onSuccess: (data) => queries.setQueryData(settingsKey, data),
    onError: () => queries.invalidateQueries({ queryKey: settingsKey }),
  });
}
