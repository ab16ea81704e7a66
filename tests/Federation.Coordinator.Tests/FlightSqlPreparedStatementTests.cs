using Apache.Arrow;
using Apache.Arrow.Types;
using Google.Protobuf;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>
/// Flight SQL prepared statements end to end: CreatePreparedStatement, parameters bound with DoPut and kept under the
/// handle, execution through GetFlightInfo/DoGet (queries and, the C# client's way, DML) or DoPut updates, and close.
/// </summary>
public sealed class FlightSqlPreparedStatementTests : IClassFixture<CoordinatorFixture>
{
    private readonly FlightSqlCalls _calls;

    public FlightSqlPreparedStatementTests(CoordinatorFixture server)
    {
        _calls = new FlightSqlCalls(server.Client);
    }

    [Fact]
    public async Task Create_answers_a_printable_handle_the_result_schema_and_the_parameter_schema()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE described_people (id INTEGER, name VARCHAR, born DATE)", session);

        var prepared = await _calls.PrepareAsync("SELECT id, name FROM described_people WHERE id = $1 AND born < $2", session);

        Assert.False(prepared.PreparedStatementHandle.IsEmpty);
        Assert.All(prepared.PreparedStatementHandle.ToByteArray(), b => Assert.InRange(b, (byte)0x21, (byte)0x7e));
        var dataset = FlightSqlCalls.ReadSchema(prepared.DatasetSchema);
        Assert.Equal(["id", "name"], dataset.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.Int32, ArrowTypeId.String], dataset.FieldsList.Select(f => f.DataType.TypeId));
        var parameters = FlightSqlCalls.ReadSchema(prepared.ParameterSchema);
        Assert.Equal(["$1", "$2"], parameters.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.Int32, ArrowTypeId.Date32], parameters.FieldsList.Select(f => f.DataType.TypeId));
        Assert.All(parameters.FieldsList, f => Assert.True(f.IsNullable));
    }

    [Theory]
    [InlineData("SELECT id FROM inferred WHERE id = $1", "Int32")]
    [InlineData("SELECT id FROM inferred WHERE $2 > id AND name LIKE $1", "String,Int32")]
    [InlineData("SELECT id FROM inferred WHERE score BETWEEN $1 AND $2", "Double,Double")]
    [InlineData("SELECT id FROM inferred WHERE amount > $1", "Decimal128")]
    [InlineData("SELECT CASE WHEN $1 THEN 1 ELSE 0 END AS flag", "Boolean")]
    [InlineData("SELECT coalesce(big, $1) AS b FROM inferred", "Int64")]
    [InlineData("SELECT name || $1 AS tagged FROM inferred", "String")]
    [InlineData("SELECT $1 + 1 AS n", "Int32")]
    [InlineData("SELECT -$1 AS negated", "Double")]
    [InlineData("SELECT score * $1 AS scaled FROM inferred", "Double")]
    [InlineData("SELECT id FROM inferred WHERE big IN ($1, $2)", "Int64,Int64")]
    [InlineData("SELECT id FROM inferred ORDER BY id LIMIT $1 OFFSET $2", "Int64,Int64")]
    [InlineData("INSERT INTO inferred (id, amount) VALUES ($1, $2)", "Int32,Decimal128")]
    [InlineData("INSERT INTO inferred (big, name) SELECT $1, $2", "Int64,String")]
    [InlineData("SELECT CAST($1 AS DATE) AS d", "Date32")]
    [InlineData("SELECT upper($1) AS shout", "String")]
    [InlineData("SELECT $1 AS anything", "String")]
    [InlineData("SELECT $2 AS second", "String,String")]
    [InlineData("SELECT 1 AS one", "")]
    public async Task Parameter_types_are_inferred_from_their_context(string sql, string expected)
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE IF NOT EXISTS inferred (id INTEGER, name VARCHAR, score DOUBLE, amount DECIMAL(10, 2), big BIGINT)", session);

        var prepared = await _calls.PrepareAsync(sql, session);

        var parameters = FlightSqlCalls.ReadSchema(prepared.ParameterSchema);
        Assert.Equal(expected, string.Join(",", parameters.FieldsList.Select(f => f.DataType.TypeId)));
        if (parameters.FieldsList.FirstOrDefault(f => f.DataType is Decimal128Type) is { } amount)
        {
            Assert.Equal(10, ((Decimal128Type)amount.DataType).Precision);
            Assert.Equal(2, ((Decimal128Type)amount.DataType).Scale);
        }
    }

    [Fact]
    public async Task Bound_parameters_of_several_types_select_the_matching_rows_and_stay_with_the_handle()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE bound_people (id INTEGER, name VARCHAR, born DATE, score DOUBLE, amount DECIMAL(10, 2))", session);
        Assert.Equal(4, await _calls.UpdateAsync(
            "INSERT INTO bound_people VALUES (1, 'ann', DATE '1990-05-01', 7.5, 10.25), (2, 'bob', DATE '1985-01-31', 9.0, 20.50), "
            + "(3, 'cy', DATE '2001-12-24', 6.25, 30.75), (4, 'dee', DATE '1979-07-04', 8.5, 40.00)", session));
        var prepared = await _calls.PrepareAsync(
            "SELECT id, name, born, score, amount FROM bound_people WHERE id >= $1 AND name <> $2 AND born < $3 AND score > $4 ORDER BY id", session);
        var handle = prepared.PreparedStatementHandle;

        // A bigint for an integer parameter and a date for a date: converted to the inferred types.
        var first = new RecordBatch.Builder()
            .Append("$1", false, new Int64Array.Builder().Append(1).Build())
            .Append("$2", false, new StringArray.Builder().Append("bob").Build())
            .Append("$3", false, new Date32Array.Builder().Append(new DateOnly(2000, 1, 1)).Build())
            .Append("$4", false, new DoubleArray.Builder().Append(7.0).Build())
            .Build();
        Assert.Equal(handle, await _calls.BindAsync(handle, first, session));

        var rows = Rows(await _calls.FetchAsync(FlightSqlCalls.PreparedQuery(handle), session));
        Assert.Equal(
        [
            "1|ann|1990-05-01|7.5|10.25",
            "4|dee|1979-07-04|8.5|40.00",
        ], rows);

        // Rebinding replaces the values; text is read as a date and an int as a double, as an assignment would.
        var second = new RecordBatch.Builder()
            .Append("$1", false, new Int32Array.Builder().Append(2).Build())
            .Append("$2", false, new StringArray.Builder().Append("nobody").Build())
            .Append("$3", false, new StringArray.Builder().Append("2002-01-01").Build())
            .Append("$4", false, new Int32Array.Builder().Append(0).Build())
            .Build();
        Assert.Equal(handle, await _calls.BindAsync(handle, second, session));

        rows = Rows(await _calls.FetchAsync(FlightSqlCalls.PreparedQuery(handle), session));
        Assert.Equal(
        [
            "2|bob|1985-01-31|9|20.50",
            "3|cy|2001-12-24|6.25|30.75",
            "4|dee|1979-07-04|8.5|40.00",
        ], rows);

        // Executing again without binding reuses the values kept under the handle.
        Assert.Equal(3, Rows(await _calls.FetchAsync(FlightSqlCalls.PreparedQuery(handle), session)).Count);

        await _calls.CloseAsync(handle, session);
        var closed = await Assert.ThrowsAsync<RpcException>(() => _calls.Client.GetInfo(FlightSqlCalls.PreparedQuery(handle), session).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, closed.StatusCode);
    }

    [Fact]
    public async Task Limit_and_offset_take_bigint_parameters()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE paged (id INTEGER)", session);
        await _calls.UpdateAsync("INSERT INTO paged VALUES (5), (1), (4), (2), (3)", session);
        var prepared = await _calls.PrepareAsync("SELECT id FROM paged ORDER BY id LIMIT $1 OFFSET $2", session);

        var page = new RecordBatch.Builder()
            .Append("$1", false, new Int32Array.Builder().Append(2).Build())
            .Append("$2", false, new StringArray.Builder().Append("1").Build())
            .Build();
        await _calls.BindAsync(prepared.PreparedStatementHandle, page, session);

        Assert.Equal(["2", "3"], Rows(await _calls.FetchAsync(FlightSqlCalls.PreparedQuery(prepared.PreparedStatementHandle), session)));
    }

    [Fact]
    public async Task A_query_bound_with_several_rows_answers_the_rows_of_each_run_in_order()
    {
        var session = await _calls.HandshakeAsync();
        var prepared = await _calls.PrepareAsync("SELECT $1 * 10 AS tens, $2 || '!' AS shout", session);

        var sets = new RecordBatch.Builder()
            .Append("$1", false, new Int32Array.Builder().Append(1).Append(2).Append(3).Build())
            .Append("$2", false, new StringArray.Builder().Append("a").Append("b").Append("c").Build())
            .Build();
        await _calls.BindAsync(prepared.PreparedStatementHandle, sets, session);

        var rows = Rows(await _calls.FetchAsync(FlightSqlCalls.PreparedQuery(prepared.PreparedStatementHandle), session));
        Assert.Equal(["10|a!", "20|b!", "30|c!"], rows);
    }

    [Fact]
    public async Task A_prepared_insert_runs_once_per_bound_row_on_DoPut_update()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE batch_insert (id INTEGER, label VARCHAR, at TIMESTAMP)", session);
        var prepared = await _calls.PrepareAsync("INSERT INTO batch_insert (id, label, at) VALUES ($1, $2, $3)", session);
        Assert.Empty(FlightSqlCalls.ReadSchema(prepared.DatasetSchema).FieldsList);
        var parameterTypes = FlightSqlCalls.ReadSchema(prepared.ParameterSchema).FieldsList.Select(f => f.DataType.TypeId);
        Assert.Equal([ArrowTypeId.Int32, ArrowTypeId.String, ArrowTypeId.Timestamp], parameterTypes);

        var rows = new RecordBatch.Builder()
            .Append("$1", false, new Int32Array.Builder().Append(10).Append(20).Append(30).Build())
            .Append("$2", true, new StringArray.Builder().Append("ten").AppendNull().Append("thirty").Build())
            .Append("$3", false, new StringArray.Builder().Append("2024-01-31 12:00:00").Append("2024-02-01 00:00:00").Append("2024-02-29 23:59:59").Build())
            .Build();
        Assert.Equal(3, await _calls.ExecuteUpdateAsync(prepared.PreparedStatementHandle, rows, session));

        // The rows stay bound: a second update without a stream inserts them again.
        Assert.Equal(3, await _calls.ExecuteUpdateAsync(prepared.PreparedStatementHandle, null, session));

        var stored = Rows(await _calls.FetchAsync(FlightSqlCalls.Query("SELECT id, label, at FROM batch_insert ORDER BY id, at"), session));
        Assert.Equal(
        [
            "10|ten|2024-01-31 12:00:00",
            "10|ten|2024-01-31 12:00:00",
            "20|NULL|2024-02-01 00:00:00",
            "20|NULL|2024-02-01 00:00:00",
            "30|thirty|2024-02-29 23:59:59",
            "30|thirty|2024-02-29 23:59:59",
        ], stored);
    }

    [Fact]
    public async Task Dml_prepared_then_run_through_GetFlightInfo_answers_a_one_row_record_count()
    {
        // The C# client's way: CreatePreparedStatement (empty transaction id), GetFlightInfo and DoGet, never closed.
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE csharp_way (id INTEGER, name VARCHAR)", session);

        var prepared = await _calls.PrepareAsync("INSERT INTO csharp_way VALUES (1, 'one'), (2, 'two')", session);
        Assert.Empty(FlightSqlCalls.ReadSchema(prepared.DatasetSchema).FieldsList);
        Assert.Empty(FlightSqlCalls.ReadSchema(prepared.ParameterSchema).FieldsList);

        var info = await _calls.Client.GetInfo(FlightSqlCalls.PreparedQuery(prepared.PreparedStatementHandle), session);
        var field = Assert.Single(info.Schema.FieldsList);
        Assert.Equal("record_count", field.Name);
        Assert.IsType<Int64Type>(field.DataType);
        var batch = Assert.Single(await _calls.ReadAllAsync(Assert.Single(info.Endpoints).Ticket, session));
        Assert.Equal(1, batch.Length);
        Assert.Equal(2L, ((Int64Array)batch.Column(0)).GetValue(0));

        var count = Assert.Single(await _calls.FetchAsync(FlightSqlCalls.Query("SELECT count(*) AS n, max(name) AS top FROM csharp_way"), session));
        Assert.Equal(2L, ((Int64Array)count.Column(0)).GetValue(0));
        Assert.Equal("two", ((StringArray)count.Column(1)).GetString(0));
    }

    [Fact]
    public async Task GetSchema_of_a_prepared_statement_answers_its_result_columns_or_the_record_count()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE schema_source (id BIGINT NOT NULL, price DECIMAL(12, 3))", session);
        var query = await _calls.PrepareAsync("SELECT id, price * 2 AS doubled FROM schema_source WHERE id = $1", session);
        var insert = await _calls.PrepareAsync("INSERT INTO schema_source VALUES ($1, $2)", session);

        var querySchema = await _calls.Client.GetSchema(FlightSqlCalls.PreparedQuery(query.PreparedStatementHandle), session);
        Assert.Equal(["id", "doubled"], querySchema.FieldsList.Select(f => f.Name));
        Assert.IsType<Int64Type>(querySchema.GetFieldByName("id").DataType);
        Assert.IsType<Decimal128Type>(querySchema.GetFieldByName("doubled").DataType);

        var insertSchema = await _calls.Client.GetSchema(FlightSqlCalls.PreparedQuery(insert.PreparedStatementHandle), session);
        Assert.Equal("record_count", Assert.Single(insertSchema.FieldsList).Name);
    }

    [Fact]
    public async Task Wrong_parameter_count_or_unconvertible_values_are_InvalidArgument()
    {
        var session = await _calls.HandshakeAsync();
        await _calls.UpdateAsync("CREATE TABLE strict_params (id INTEGER, name VARCHAR)", session);
        var prepared = await _calls.PrepareAsync("SELECT name FROM strict_params WHERE id = $1 AND name = $2", session);
        var handle = prepared.PreparedStatementHandle;

        var tooFew = new RecordBatch.Builder().Append("$1", false, new Int32Array.Builder().Append(1).Build()).Build();
        var arity = await Assert.ThrowsAsync<RpcException>(() => _calls.BindAsync(handle, tooFew, session));
        Assert.Equal(StatusCode.InvalidArgument, arity.StatusCode);
        Assert.Contains("has 2 parameter(s) but 1 value(s) were bound", arity.Status.Detail, StringComparison.Ordinal);

        var notANumber = new RecordBatch.Builder()
            .Append("$1", false, new StringArray.Builder().Append("abc").Build())
            .Append("$2", false, new StringArray.Builder().Append("x").Build())
            .Build();
        var cast = await Assert.ThrowsAsync<RpcException>(() => _calls.BindAsync(handle, notANumber, session));
        Assert.Equal(StatusCode.InvalidArgument, cast.StatusCode);
        Assert.Contains("parameter $1", cast.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("abc", cast.Status.Detail, StringComparison.Ordinal);

        // Nothing was bound: executing is refused rather than run with missing values.
        var unbound = await Assert.ThrowsAsync<RpcException>(() => _calls.Client.GetInfo(FlightSqlCalls.PreparedQuery(handle), session).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unbound.StatusCode);
        Assert.Contains("no values are bound", unbound.Status.Detail, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            _calls.Client.GetInfo(FlightSqlCalls.PreparedQuery(ByteString.CopyFromUtf8("not-a-handle")), session).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_statement_that_does_not_plan_fails_at_create_with_its_own_error()
    {
        var session = await _calls.HandshakeAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.PrepareAsync("SELECT * FROM no_such_prepared_table WHERE id = $1", session));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("relation \"no_such_prepared_table\" does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Each row as its values joined by '|': integers, text (NULL for null), dates, doubles, decimals with their scale, timestamps.</summary>
    private static List<string> Rows(List<RecordBatch> batches)
    {
        var rows = new List<string>();
        foreach (var batch in batches)
        {
            for (var row = 0; row < batch.Length; row++)
            {
                rows.Add(string.Join("|", Enumerable.Range(0, batch.ColumnCount).Select(c => Value(batch.Column(c), row))));
            }
        }

        return rows;
    }

    private static string Value(IArrowArray column, int row)
    {
        if (column.IsNull(row))
        {
            return "NULL";
        }

        return column switch
        {
            Int32Array a => a.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Int64Array a => a.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringArray a => a.GetString(row),
            Date32Array a => a.GetDateOnly(row)!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DoubleArray a => a.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Decimal128Array a => a.GetValue(row)!.Value.ToString("F" + ((Decimal128Type)a.Data.DataType).Scale, System.Globalization.CultureInfo.InvariantCulture),
            TimestampArray a => a.GetTimestamp(row)!.Value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"unexpected column type {column.Data.DataType.Name}"),
        };
    }

    [Fact]
    public async Task A_prepared_update_sends_its_notices_in_trailers()
    {
        var session = await _calls.HandshakeAsync();
        var prepared = await _calls.PrepareAsync("CREATE EXTERNAL SCHEMA prepared_notes FROM DATA CATALOG DATABASE 'prepared_notes_db' CREATE EXTERNAL DATABASE IF NOT EXISTS", session);
        var notices = new List<string>();
        Assert.Equal(0, await _calls.ExecuteUpdateAsync(prepared.PreparedStatementHandle, null, session, notices));
        Assert.Equal(["created database \"prepared_notes_db\" in the data catalog"], notices);
        await _calls.UpdateAsync("DROP SCHEMA prepared_notes DROP EXTERNAL DATABASE", session);
    }
}
