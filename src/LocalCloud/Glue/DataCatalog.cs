using System.Globalization;
using System.Text.RegularExpressions;
using LocalCloud.Protocol;

namespace LocalCloud.Glue;

/// <summary>
/// One account-region's Glue Data Catalog: databases, their tables, and the tables' partitions. Names are stored in
/// lower case and looked up case-insensitively, as Glue does. Every read and write holds <see cref="_gate"/>.
/// </summary>
internal sealed class DataCatalog(string account)
{
    private const int MaxNameLength = 255;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, DatabaseEntry> _databases = new(StringComparer.Ordinal);

    public string Account { get; } = account;

    /// <summary>Called after every change, outside the lock: how the catalog reaches the durable store.</summary>
    public Action<DataCatalog>? Changed { get; init; }

    /// <summary>Every database, table and partition, as the durable store keeps them.</summary>
    public List<CatalogDatabaseRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _databases.Values.Select(d => new CatalogDatabaseRecord(
                d.Definition,
                [.. d.Tables.Values.Select(t => new CatalogTableRecord(t.Definition, [.. t.Partitions.Values]))]))];
        }
    }

    /// <summary>Puts back what <see cref="Snapshot"/> took, on start.</summary>
    public void Load(IEnumerable<CatalogDatabaseRecord> databases)
    {
        lock (_gate)
        {
            foreach (var record in databases)
            {
                var database = _databases[record.Definition.Name] = new DatabaseEntry(record.Definition);
                foreach (var tableRecord in record.Tables)
                {
                    var table = database.Tables[tableRecord.Definition.Name] = new TableEntry(tableRecord.Definition);
                    foreach (var partition in tableRecord.Partitions)
                    {
                        table.Partitions[string.Join('\u0001', partition.Values)] = partition;
                    }
                }
            }
        }
    }

    public void CreateDatabase(DatabaseInput input, DateTimeOffset now)
    {
        var name = Name(input.Name, "DatabaseInput.Name");
        lock (_gate)
        {
            if (_databases.ContainsKey(name))
            {
                throw new AwsServiceException("AlreadyExistsException", "Database already exists.");
            }

            _databases[name] = new DatabaseEntry(new Database(name, input.Description, input.LocationUri, input.Parameters ?? [], now, Account));
        }

        Changed?.Invoke(this);
    }

    public Database GetDatabase(string? name)
    {
        lock (_gate)
        {
            return DatabaseOf(name).Definition;
        }
    }

    public List<Database> GetDatabases()
    {
        lock (_gate)
        {
            return [.. _databases.Values.Select(d => d.Definition)];
        }
    }

    /// <summary>Deletes a database and, as Glue does, every table in it.</summary>
    public void DeleteDatabase(string? name)
    {
        lock (_gate)
        {
            _databases.Remove(DatabaseOf(name).Definition.Name);
        }

        Changed?.Invoke(this);
    }

    public void CreateTable(string? databaseName, TableInput? input, DateTimeOffset now, string? createdBy = null)
    {
        var tableInput = input ?? throw AwsServiceException.InvalidInput("TableInput is required.");
        var name = Name(tableInput.Name, "TableInput.Name");
        lock (_gate)
        {
            var database = DatabaseOf(databaseName);
            if (database.Tables.ContainsKey(name))
            {
                throw new AwsServiceException("AlreadyExistsException", "Table already exists.");
            }

            database.Tables[name] = new TableEntry(Project(database.Definition.Name, tableInput, name, now, now, createdBy, version: 0));
        }

        Changed?.Invoke(this);
    }

    /// <summary>Replaces the table's definition, as UpdateTable does: the input is the whole new table.</summary>
    public void UpdateTable(string? databaseName, TableInput? input, DateTimeOffset now)
    {
        var tableInput = input ?? throw AwsServiceException.InvalidInput("TableInput is required.");
        lock (_gate)
        {
            var table = TableOf(DatabaseOf(databaseName), tableInput.Name);
            var old = table.Definition;
            table.Definition = Project(old.DatabaseName, tableInput, old.Name, old.CreateTime, now, old.CreatedBy, int.Parse(old.VersionId, CultureInfo.InvariantCulture) + 1);
        }

        Changed?.Invoke(this);
    }

    public Table GetTable(string? databaseName, string? name)
    {
        lock (_gate)
        {
            return TableOf(DatabaseOf(databaseName), name).Definition;
        }
    }

    /// <summary>The database's tables; <paramref name="expression"/>, when given, is a regular expression a name must match whole.</summary>
    public List<Table> GetTables(string? databaseName, string? expression)
    {
        Regex? filter = null;
        if (!string.IsNullOrEmpty(expression))
        {
            try
            {
                filter = new Regex($"^(?:{expression})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException error)
            {
                throw AwsServiceException.InvalidInput($"Expression '{expression}' is not a valid regular expression: {error.Message}");
            }
        }

        lock (_gate)
        {
            return [.. DatabaseOf(databaseName).Tables.Values.Select(t => t.Definition).Where(t => filter is null || filter.IsMatch(t.Name))];
        }
    }

    public void DeleteTable(string? databaseName, string? name)
    {
        lock (_gate)
        {
            var database = DatabaseOf(databaseName);
            database.Tables.Remove(TableOf(database, name).Definition.Name);
        }

        Changed?.Invoke(this);
    }

    public List<Partition> GetPartitions(string? databaseName, string? tableName, string? expression, bool excludeColumnSchema)
    {
        lock (_gate)
        {
            var table = TableOf(DatabaseOf(databaseName), tableName);
            var filter = PartitionFilter.Parse(expression, table.Definition.PartitionKeys);
            return [.. table.Partitions.Values
                .Where(p => filter(p.Values))
                .Select(p => excludeColumnSchema && p.StorageDescriptor is { } sd ? p with { StorageDescriptor = sd with { Columns = null } } : p)];
        }
    }

    /// <summary>
    /// What a crawler does with what it found: creates the table, or updates its schema, location and parameters
    /// while keeping its creation time; and adds partitions it has not seen (it never removes any).
    /// </summary>
    public void PutCrawledTable(string databaseName, TableInput input, IReadOnlyList<(List<string> Values, string Location)> partitions, string crawler, DateTimeOffset now)
    {
        lock (_gate)
        {
            var database = DatabaseOf(databaseName);
            var name = Name(input.Name, "TableInput.Name");
            if (database.Tables.TryGetValue(name, out var table))
            {
                var old = table.Definition;
                table.Definition = Project(old.DatabaseName, input, name, old.CreateTime, now, old.CreatedBy, int.Parse(old.VersionId, CultureInfo.InvariantCulture) + 1);
            }
            else
            {
                table = database.Tables[name] = new TableEntry(Project(database.Definition.Name, input, name, now, now, crawler, version: 0));
            }

            foreach (var (values, location) in partitions)
            {
                var key = string.Join('\u0001', values);
                if (!table.Partitions.ContainsKey(key))
                {
                    table.Partitions[key] = new Partition(values, database.Definition.Name, name, now, input.StorageDescriptor! with { Location = location }, input.Parameters, Account);
                }
            }
        }

        Changed?.Invoke(this);
    }

    private Table Project(string database, TableInput input, string name, DateTimeOffset created, DateTimeOffset updated, string? createdBy, int version) => new(
        name,
        database,
        input.Description,
        input.Owner,
        created,
        updated,
        input.Retention ?? 0,
        input.StorageDescriptor,
        input.PartitionKeys ?? [],
        input.TableType,
        input.Parameters ?? [],
        createdBy,
        false,
        Account,
        version.ToString(CultureInfo.InvariantCulture));

    private DatabaseEntry DatabaseOf(string? name) =>
        _databases.GetValueOrDefault(Name(name, "DatabaseName")) ?? throw new AwsServiceException("EntityNotFoundException", $"Database {name} not found.");

    private static TableEntry TableOf(DatabaseEntry database, string? name) =>
        database.Tables.GetValueOrDefault(Name(name, "Name")) ?? throw new AwsServiceException("EntityNotFoundException", $"Table {name} not found.");

    /// <summary>A catalog name as Glue keeps it: required, at most 255 characters, lower case.</summary>
    private static string Name(string? name, string member)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw AwsServiceException.InvalidInput($"{member} is required.");
        }

        if (name.Length > MaxNameLength)
        {
            throw AwsServiceException.InvalidInput($"{member} must be at most {MaxNameLength} characters, but has {name.Length}.");
        }

        return name.ToLowerInvariant();
    }

    private sealed class DatabaseEntry(Database definition)
    {
        public Database Definition { get; } = definition;

        public SortedDictionary<string, TableEntry> Tables { get; } = new(StringComparer.Ordinal);
    }

    private sealed class TableEntry(Table definition)
    {
        public Table Definition { get; set; } = definition;

        /// <summary>By their values joined with U+0001, so they list in value order.</summary>
        public SortedDictionary<string, Partition> Partitions { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// GetPartitions' <c>Expression</c>, for the forms LocalCloud understands: <c>key = 'value'</c> comparisons joined by
/// <c>AND</c>. Anything else is refused with InvalidInputException, rather than ignored.
/// </summary>
internal static partial class PartitionFilter
{
    public static Func<List<string>, bool> Parse(string? expression, IReadOnlyList<Column> keys)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return _ => true;
        }

        var tests = new List<(int Index, string Value)>();
        foreach (var part in AndSplitter().Split(expression.Trim()))
        {
            var match = Comparison().Match(part);
            if (!match.Success)
            {
                throw AwsServiceException.InvalidInput($"Unsupported expression '{expression}': LocalCloud understands key = 'value' comparisons joined by AND.");
            }

            var key = match.Groups["key"].Value;
            var index = keys.ToList().FindIndex(k => string.Equals(k.Name, key, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw AwsServiceException.InvalidInput($"Expression names '{key}', which is not a partition key of this table ({string.Join(", ", keys.Select(k => k.Name))}).");
            }

            tests.Add((index, match.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal)));
        }

        return values => tests.All(t => t.Index < values.Count && values[t.Index] == t.Value);
    }

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplitter();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*'(?<value>(?:[^']|'')*)'\s*$")]
    private static partial Regex Comparison();
}

internal sealed record CatalogDatabaseRecord(Database Definition, List<CatalogTableRecord> Tables);

internal sealed record CatalogTableRecord(Table Definition, List<Partition> Partitions);
