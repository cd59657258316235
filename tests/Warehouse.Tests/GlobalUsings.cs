// What nearly every test file uses: xunit, Dapper for reading the database back, and the real-database fixtures.
global using Dapper;
global using Warehouse.Tests.Infrastructure;
global using Xunit;
