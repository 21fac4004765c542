import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../api/queries';

/** Areas and stations feed the country counts and the map layers: refresh all of them. */
export function invalidateGeography(client: QueryClient): Promise<unknown> {
  return Promise.all(
    [['areas'], ['stations'], keys.countries, keys.geo].map((queryKey) =>
      client.invalidateQueries({ queryKey }),
    ),
  );
}
