namespace Orchestration.Storage.Schema;

/// <summary>What the host and the health checks ask of the database that holds the data, whichever backend it is: bring
/// its schema up to date at start, and say whether it answers and how far it is migrated.</summary>
public interface IDatabaseSchema
{
    /// <summary>The backend's name, as database.provider spells it.</summary>
    string Provider { get; }

    /// <summary>Where the data is, for logs: a file path, or host, port and database (never a password).</summary>
    string Location { get; }

    /// <summary>The newest schema version this code knows.</summary>
    int LatestVersion { get; }

    /// <summary>Applies the missing migrations; returns how many. Throws when the database's schema is newer than the
    /// code.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Asks the database for its schema version. A database that does not answer is a status with
    /// <see cref="DatabaseStatus.Reachable"/> false, not an exception.</summary>
    Task<DatabaseStatus> ProbeAsync(CancellationToken cancellationToken);
}
