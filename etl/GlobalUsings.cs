// The core every source is written against: pipeline, reading and writing. A domain's own namespaces and
// anything outside the core stay explicit in each file.
global using Warehouse.Etl.Core;
global using Warehouse.Etl.Core.Pipeline;
global using Warehouse.Etl.Core.Reading;
global using Warehouse.Etl.Core.Writing;
