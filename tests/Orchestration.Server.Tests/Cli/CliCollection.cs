namespace Orchestration.Server.Tests.Cli;

/// <summary>Every class that runs the CLI runs in this collection: the CLI reads its login location from the environment.</summary>
[CollectionDefinition(nameof(CliTests))]
public sealed class CliCollection : ICollectionFixture<CliRunFixture>;
