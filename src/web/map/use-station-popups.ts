import { type MapLayerMouseEvent, type Map as MapLibreMap, Popup } from 'maplibre-gl';
import { useCallback, useEffect, useRef } from 'react';
import type { StationFeatureProps } from '../api/types';
import { stationPopup } from './popup';

export interface StationLabels {
  area: string;
  country: string;
}

/**
 * Click a station circle (or pick one from the list) to see its name, code, area and country.
 * One popup at a time; `describe` is read through a ref so the click handler is bound once.
 */
export function useStationPopups(
  map: MapLibreMap | null,
  describe: (station: StationFeatureProps) => StationLabels,
): (station: StationFeatureProps, at: [number, number]) => void {
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const popup = useRef<Popup | null>(null);

  const show = useCallback(
    (station: StationFeatureProps, at: [number, number]) => {
      if (!map) return;
      popup.current?.remove();
      const labels = describeRef.current(station);
      popup.current = new Popup({ closeButton: true, maxWidth: '280px' })
        .setLngLat(at)
        .setDOMContent(stationPopup({ name: station.name, code: station.code, ...labels }))
        .addTo(map);
    },
    [map],
  );

  useEffect(() => {
    if (!map) return;
    const onClick = (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature?.geometry.type !== 'Point') return;
      show(feature.properties as StationFeatureProps, feature.geometry.coordinates as [number, number]);
    };
    const pointer = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const normal = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'station-circle', onClick);
    map.on('mouseenter', 'station-circle', pointer);
    map.on('mouseleave', 'station-circle', normal);
    return () => {
      map.off('click', 'station-circle', onClick);
      map.off('mouseenter', 'station-circle', pointer);
      map.off('mouseleave', 'station-circle', normal);
      popup.current?.remove();
    };
  }, [map, show]);

  return show;
}
