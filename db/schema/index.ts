export * from './enums';
export * from './identity';
export * from './catalog';
export * from './calendar';
export * from './processes';
export * from './corrections';
export * from './audit';
export * from './supervision';
