using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using static System.FormattableString;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Writes many rows fast for <see cref="ScaleSeedCommand"/>, inside transactions of about <see cref="RowsPerTransaction"/>
/// rows on the context's own connection. On SQLite (in process) one prepared <c>INSERT</c> per table runs once per row;
/// on a server database each statement costs a round trip, so rows are buffered and written as multi-row
/// <c>INSERT … VALUES (…), (…)</c> of up to <see cref="MaxRowsPerStatement"/> rows (fewer where the provider's parameter
/// limit demands). Buffers are written parent first: whenever one table writes, every open table writes its buffer in the
/// order the tables were opened, so a row never reaches the database before the row it refers to. Table and column
/// names, value conversions (enums as strings, UTC dates, GUIDs) and parameter types all come from the EF model and the
/// provider's type mappings, so the SQL is the same on every provider. Rows carry their own ids (the seed needs them
/// for foreign keys); on SQL Server that needs <c>IDENTITY_INSERT</c>, on PostgreSQL the identity's sequence is moved
/// past them afterwards: the two provider-specific statements here.
/// Bypasses the <see cref="AuditInterceptor"/> on purpose: a bench data set is not anybody's change.
/// </summary>
public sealed class ScaleBulkWriter : IAsyncDisposable
{
    public const int RowsPerTransaction = 50_000;
    public const int MaxRowsPerStatement = 1_000;

    private readonly List<IBuffered> _open = [];

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

    private interface IBuffered
    {
        void WriteBuffer();
    }

    /// <summary>Every open table writes what it has buffered, in the order the tables were opened (parents first).</summary>
    private void WriteBuffers()
    {
        foreach (var table in _open)
        {
            table.WriteBuffer();
        }
        if (_rowsInTransaction >= RowsPerTransaction)
        {
            _transaction!.Commit();
            _transaction.Dispose();
            _transaction = _db.Database.BeginTransaction();
            _rowsInTransaction = 0;
        }
    }

    private void Written(string table, int rows)
    {
        Counts[table] = Counts.GetValueOrDefault(table) + rows;
        _rowsInTransaction += rows;
    }

    public async Task CommitAsync()
    {
        WriteBuffers();
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
        WriteBuffers();
        if (_transaction is not null)
        {
            await _transaction.CommitAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
        await _db.Database.CloseConnectionAsync();
    }

    /// <summary>One table's INSERT: prepared per row on SQLite, multi-row on a server database.</summary>
    public sealed class Table<T> : IDisposable, IBuffered where T : class
    {
        private readonly ScaleBulkWriter _writer;
        private readonly string _insertInto;
        private readonly string? _identityOff;
        private readonly int _rowsPerStatement;
        private readonly List<T> _buffer;
        private DbCommand? _command;
        private int _commandRows;
        private readonly (string Name, System.Reflection.PropertyInfo Clr, RelationalTypeMapping Mapping, bool Nullable)[] _columns;
        private readonly string _tableName;
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
            var delimited = sql.DelimitIdentifier(_tableName, entityType.GetSchema());
            _insertInto = $"INSERT INTO {delimited} ({columns}) VALUES ";

            var db = writer._db.Database;
            // SQL Server takes at most 2,100 parameters in a command, PostgreSQL 65,535.
            _rowsPerStatement = db.IsSqlite() ? 1 : Math.Clamp((db.IsSqlServer() ? 2_000 : 30_000) / _columns.Length, 1, MaxRowsPerStatement);
            _buffer = new List<T>(_rowsPerStatement);
            // SQL Server refuses explicit values in an identity column unless told, and allows that for one table of a session
            // at a time (several tables are open at once here): each statement switches it on and off around its INSERT.
            // SQLite takes explicit values as they are.
            if (db.IsSqlServer() && entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key]
                && key.ClrType != typeof(string) && key.ClrType != typeof(Guid))
            {
                _insertInto = $"SET IDENTITY_INSERT {delimited} ON; {_insertInto}";
                _identityOff = $"; SET IDENTITY_INSERT {delimited} OFF";
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
            writer._open.Add(this);
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
            _buffer.Add(row);
            if (_buffer.Count >= _rowsPerStatement)
            {
                if (_rowsPerStatement == 1)
                {
                    WriteBuffer();
                    if (_writer._rowsInTransaction >= RowsPerTransaction)
                    {
                        _writer.WriteBuffers();
                    }
                }
                else
                {
                    _writer.WriteBuffers();
                }
            }
        }

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
            Justification = "Table and column names come from the EF model; every value is a parameter.")]
        void IBuffered.WriteBuffer() => WriteBuffer();

        [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
            Justification = "Table and column names come from the EF model; every value is a parameter.")]
        private void WriteBuffer()
        {
            if (_buffer.Count == 0)
            {
                return;
            }
            if (_command is null || _commandRows != _buffer.Count)
            {
                _command?.Dispose();
                _command = _writer._db.Database.GetDbConnection().CreateCommand();
                var text = new System.Text.StringBuilder(_insertInto);
                for (var r = 0; r < _buffer.Count; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < _columns.Length; c++)
                    {
                        text.Append(c == 0 ? "" : ", ").Append(_writer._sql.GenerateParameterNamePlaceholder(ParameterName(c, r)));
                    }
                    text.Append(')');
                }
                text.Append(_identityOff);
                _command.CommandText = text.ToString();
                _commandRows = _buffer.Count;
                _boundTo = null;
            }
            var transaction = _writer._transaction!.GetDbTransaction();
            if (!ReferenceEquals(transaction, _boundTo))
            {
                _command.Transaction = transaction;
                _boundTo = transaction;
            }
            _command.Parameters.Clear();
            for (var r = 0; r < _buffer.Count; r++)
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    var (_, clr, mapping, nullable) = _columns[c];
                    _command.Parameters.Add(mapping.CreateParameter(_command, ParameterName(c, r), clr.GetValue(_buffer[r]), nullable));
                }
            }
            _command.ExecuteNonQuery();
            _writer.Written(_tableName, _buffer.Count);
            _buffer.Clear();
        }

        private string ParameterName(int column, int row) => row == 0 ? _columns[column].Name : Invariant($"{_columns[column].Name}_{row}");

        public void Dispose()
        {
            _writer.WriteBuffers();
            _writer._open.Remove(this);
            if (_sequenceCatchUp is not null)
            {
                Execute(_sequenceCatchUp);
            }
            _command?.Dispose();
        }
    }
}
