import { PhoneNumberSchema } from '@crokodialer/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../api/client';

export const numbersKey = ['numbers'] as const;

export const useNumbers = () =>
  useQuery({
    queryKey: numbersKey,
    queryFn: () => getJson(z.array(PhoneNumberSchema), '/api/phone-numbers'),
  });
