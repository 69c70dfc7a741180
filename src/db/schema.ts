export * from '../features/partnerships/partnerships.tables.ts';
export * from '../features/places/places.tables.ts';
export * from '../features/sources/sources.tables.ts';
