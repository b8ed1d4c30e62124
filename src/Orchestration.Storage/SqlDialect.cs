namespace Orchestration.Storage;

/// <summary>What the SQL the stores share spells differently on each backend; everything else reads the same.</summary>
internal sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new()
    {
        CaseInsensitiveLike = "LIKE",
        InListFormat = "{0} IN {1}",
        DayOfFormat = "date({0}, 'unixepoch')",
        TableExists = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table",
        InsertionOrder = "rowid",
        TableColumns = "SELECT name, type FROM pragma_table_info(@table)",
    };

    public static readonly SqlDialect Postgres = new()
    {
        // SQLite's LIKE ignores (ASCII) case; PostgreSQL's does not.
        CaseInsensitiveLike = "ILIKE",
        // Dapper expands a list for SQLite and passes it whole, as an array, to PostgreSQL.
        InListFormat = "{0} = ANY({1})",
        DayOfFormat = "to_char(to_timestamp({0}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        TableExists = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = @table",
        // No rowid: rows created in the same instant are ordered by their time-ordered (UUID v7) ids.
        InsertionOrder = "id",
        TableColumns =
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
    };

    private SqlDialect()
    {
    }

    /// <summary>The LIKE operator that ignores case.</summary>
    public required string CaseInsensitiveLike { get; init; }

    /// <summary>A query counting the tables named @table.</summary>
    public required string TableExists { get; init; }

    /// <summary>The column that orders rows created in the same instant by when they were inserted.</summary>
    public required string InsertionOrder { get; init; }

    /// <summary>A query listing the columns of table @table: name, declared type.</summary>
    public required string TableColumns { get; init; }

    private string InListFormat { get; init; } = "";

    private string DayOfFormat { get; init; } = "";

    /// <summary>A condition: <paramref name="column"/> is one of the list bound to <paramref name="parameter"/>.</summary>
    public string InList(string column, string parameter) => string.Format(System.Globalization.CultureInfo.InvariantCulture, InListFormat, column, parameter);

    /// <summary>The UTC day (YYYY-MM-DD) of an epoch-seconds column.</summary>
    public string DayOf(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, DayOfFormat, column);
}
