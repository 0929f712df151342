using Microsoft.Data.Sqlite;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>SQLite's EXPLAIN QUERY PLAN for a statement the app sent, read from a test host's database file.</summary>
public static class QueryPlans
{
    /// <summary>The plan's detail lines ("SEARCH … USING INDEX …", "SCAN …") for <paramref name="sql"/> with its parameters.</summary>
    public static async Task<List<string>> ExplainAsync(string databasePath, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return lines;
    }
}
