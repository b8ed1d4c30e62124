using Orchestration.TestSupport.Postgres;

// One PostgreSQL test server for the whole assembly, stopped and deleted when the run ends.
[assembly: AssemblyFixture(typeof(PostgresServer))]
