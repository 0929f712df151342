using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Writes many rows fast for <see cref="ScaleSeedCommand"/>: one prepared <c>INSERT</c> per table, run once per row
/// inside transactions of <see cref="RowsPerTransaction"/> rows, on the context's own connection. Table and column
/// names, value conversions (enums as strings, UTC dates, GUIDs) and parameter types all come from the EF model and the
/// provider's type mappings, so the SQL is the same on every provider. Rows carry their own ids (the seed needs them
/// for foreign keys); on SQL Server that needs <c>IDENTITY_INSERT</c>, on PostgreSQL the identity's sequence is moved
/// past them afterwards: the two provider-specific statements here.
/// Bypasses the <see cref="AuditInterceptor"/> on purpose: a bench data set is not anybody's change.
/// </summary>
public sealed class ScaleBulkWriter : IAsyncDisposable
{
    public const int RowsPerTransaction = 50_000;

    private readonly AppDbContext _db;
    private readonly ISqlGenerationHelper _sql;
    private IDbContextTransaction? _transaction;
    private int _rowsInTransaction;

    public ScaleBulkWriter(AppDbContext db)
    {
        _db = db;
        _sql = db.GetService<ISqlGenerationHelper>();
    }

    /// <summary>Rows written so far, per table name.</summary>
    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public async Task OpenAsync()
    {
        await _db.Database.OpenConnectionAsync();
        if (_db.Database.IsSqlite())
        {
            // A 256 MB page cache for this connection: the audit log's indexes take rows in random order.
            await _db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144");
        }
        _transaction = await _db.Database.BeginTransactionAsync();
    }

    /// <summary>An inserter for the entity type <typeparamref name="T"/> (dispose it before the next table's).</summary>
    public Table<T> For<T>() where T : class
    {
        var entityType = _db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        return new Table<T>(this, entityType);
    }

    private void Written(string table)
    {
        Counts[table] = Counts.GetValueOrDefault(table) + 1;
        if (++_rowsInTransaction >= RowsPerTransaction)
        {
            _transaction!.Commit();
            _transaction.Dispose();
            _transaction = _db.Database.BeginTransaction();
            _rowsInTransaction = 0;
        }
    }

    public async Task CommitAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync();
            await _transaction.DisposeAsync();
            _transaction = await _db.Database.BeginTransactionAsync();
            _rowsInTransaction = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
        await _db.Database.CloseConnectionAsync();
    }

    /// <summary>One table's prepared INSERT.</summary>
    public sealed class Table<T> : IDisposable where T : class
    {
        private readonly ScaleBulkWriter _writer;
        private readonly DbCommand _command;
        private readonly (string Name, System.Reflection.PropertyInfo Clr, RelationalTypeMapping Mapping, bool Nullable)[] _columns;
        private readonly string _tableName;
        private readonly string? _identityOff;
        private readonly string? _sequenceCatchUp;
        private DbTransaction? _boundTo;

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
            Justification = "Table and column names come from the EF model; every value is a parameter.")]
        internal Table(ScaleBulkWriter writer, IEntityType entityType)
        {
            _writer = writer;
            var sql = writer._sql;
            _tableName = entityType.GetTableName()!;
            var table = StoreObjectIdentifier.Table(_tableName, entityType.GetSchema());
            _columns = [.. entityType.GetProperties()
                .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
                .Select((p, i) => ($"p{i}", p.PropertyInfo!, (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsNullable))];
            var columns = string.Join(", ", entityType.GetProperties()
                .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
                .Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
            var values = string.Join(", ", _columns.Select(c => sql.GenerateParameterNamePlaceholder(c.Name)));
            var delimited = sql.DelimitIdentifier(_tableName, entityType.GetSchema());

            var db = writer._db.Database;
            _command = db.GetDbConnection().CreateCommand();
            _command.CommandText = $"INSERT INTO {delimited} ({columns}) VALUES ({values})";
            // SQL Server refuses explicit values in an identity column unless told; SQLite takes them as they are.
            if (db.IsSqlServer() && entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key]
                && key.ClrType != typeof(string) && key.ClrType != typeof(Guid))
            {
                Execute($"SET IDENTITY_INSERT {delimited} ON");
                _identityOff = $"SET IDENTITY_INSERT {delimited} OFF";
            }
            // PostgreSQL takes explicit values in an identity column but its sequence does not move: afterwards it is set
            // past the largest id, or the app's next insert into the table would collide with a seeded row.
            if (db.IsNpgsql() && entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } serial]
                && (serial.ClrType == typeof(int) || serial.ClrType == typeof(long)))
            {
                var column = sql.DelimitIdentifier(serial.GetColumnName(table)!);
                _sequenceCatchUp = $"SELECT setval(pg_get_serial_sequence('{delimited.Replace("'", "''", StringComparison.Ordinal)}', '{serial.GetColumnName(table)}'), "
                    + $"COALESCE((SELECT MAX({column}) FROM {delimited}), 0) + 1, false)";
            }
        }

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Built from the EF model.")]
        private void Execute(string text)
        {
            using var command = _writer._db.Database.GetDbConnection().CreateCommand();
            command.CommandText = text;
            command.Transaction = _writer._transaction?.GetDbTransaction();
            command.ExecuteNonQuery();
        }

        public void Add(T row)
        {
            var transaction = _writer._transaction!.GetDbTransaction();
            if (!ReferenceEquals(transaction, _boundTo))
            {
                _command.Transaction = transaction;
                _boundTo = transaction;
            }
            _command.Parameters.Clear();
            foreach (var (name, clr, mapping, nullable) in _columns)
            {
                _command.Parameters.Add(mapping.CreateParameter(_command, name, clr.GetValue(row), nullable));
            }
            _command.ExecuteNonQuery();
            _writer.Written(_tableName);
        }

        public void Dispose()
        {
            if (_identityOff is not null)
            {
                Execute(_identityOff);
            }
            if (_sequenceCatchUp is not null)
            {
                Execute(_sequenceCatchUp);
            }
            _command.Dispose();
        }
    }
}
