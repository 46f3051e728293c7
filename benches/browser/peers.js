// The peers a web developer would otherwise use, bundled by esbuild for the benchmark page.
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import distance from '@turf/distance';
import pointToLineDistance from '@turf/point-to-line-distance';
import { point, lineString, featureCollection } from '@turf/helpers';

export { Papa, inferSchema, initParser, distance, pointToLineDistance, point, lineString, featureCollection };
