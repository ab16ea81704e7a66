namespace Federation.Cli.Tests;

/// <summary>fed sql's non-interactive entry point against a real coordinator: output in each format, errors, exit codes.</summary>
public sealed class SqlShellTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _server;

    public SqlShellTests(CoordinatorFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Table_format_aligns_columns_like_psql()
    {
        var run = await _server.SqlAsync("""
            CREATE TABLE fruit (id INTEGER, name VARCHAR, price DECIMAL(10, 2), picked DATE, ripe BOOLEAN);
            INSERT INTO fruit VALUES (1, 'apple', 0.5, DATE '2024-01-31', true), (2, 'pear', 12.25, NULL, false), (10, NULL, NULL, DATE '1999-12-31', NULL);
            SELECT * FROM fruit ORDER BY id;
            """);

        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            OK, 0 rows affected
            OK, 3 rows affected
             id | name  | price |   picked   | ripe
            ----+-------+-------+------------+-------
              1 | apple |  0.50 | 2024-01-31 | true
              2 | pear  | 12.25 | NULL       | false
             10 | NULL  |  NULL | 1999-12-31 | NULL
            (3 rows)


            """, run.Stdout);
    }

    [Fact]
    public async Task Table_format_shows_one_row_empty_results_and_multi_line_values()
    {
        var run = await _server.SqlAsync("SELECT 1 AS n WHERE 1 = 0; SELECT 'a' || chr(10) || 'bc' AS text, 7 AS n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
             n
            ---
            (0 rows)

             text | n
            ------+---
             a   +| 7
             bc   |
            (1 row)


            """, run.Stdout);
    }

    [Fact]
    public async Task Csv_format_is_RFC_4180_with_a_header()
    {
        var run = await _server.SqlAsync("""
            CREATE TABLE quoted (id INTEGER, note VARCHAR);
            INSERT INTO quoted VALUES (1, 'plain'), (2, 'a,b'), (3, 'say "hi"'), (4, ''), (5, NULL), (6, 'two' || chr(10) || 'lines');
            SELECT id, note FROM quoted ORDER BY id;
            """, format: "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("id,note\r\n1,plain\r\n2,\"a,b\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\"\"\r\n5,\r\n6,\"two\nlines\"\r\n", run.Stdout);

        // Row counts of the updates are status lines: on stderr, so stdout stays CSV.
        Assert.Equal("OK, 0 rows affected\nOK, 6 rows affected\n", run.Stderr);
    }

    [Fact]
    public async Task Json_format_is_one_object_per_row()
    {
        var run = await _server.SqlAsync("""
            CREATE TABLE typed (id BIGINT, amount DECIMAL(12, 3), ratio DOUBLE, label VARCHAR, ok BOOLEAN, at TIMESTAMP);
            INSERT INTO typed VALUES (1, 16300.5, 0.25, 'x "quoted" é', true, TIMESTAMP '2024-01-31 12:00:00'), (2, NULL, NULL, NULL, NULL, NULL);
            SELECT * FROM typed ORDER BY id;
            """, format: "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            {"id":1,"amount":16300.500,"ratio":0.25,"label":"x \"quoted\" é","ok":true,"at":"2024-01-31 12:00:00"}
            {"id":2,"amount":null,"ratio":null,"label":null,"ok":null,"at":null}

            """, run.Stdout);
    }

    [Fact]
    public async Task Values_of_each_engine_type_render_as_PostgreSQL_prints_them()
    {
        var run = await _server.SqlAsync("""
            SELECT CAST(-5 AS SMALLINT) AS i16, 2147483647 AS i32, CAST(9000000000 AS BIGINT) AS i64,
                   CAST(-0.05 AS DECIMAL(5, 2)) AS dec, CAST(1.5 AS REAL) AS f32, 1e20 AS f64,
                   TIMESTAMP '2024-02-29 23:59:59.123456' AS ts, INTERVAL '1 year 2 months 3 days 04:05:06' AS iv
            """, format: "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("i16,i32,i64,dec,f32,f64,ts,iv\r\n-5,2147483647,9000000000,-0.05,1.5,1E+20,2024-02-29 23:59:59.123456,1 year 2 mons 3 days 04:05:06\r\n",
            run.Stdout);
    }

    [Fact]
    public async Task Statements_run_in_turn_and_the_first_error_stops_the_script()
    {
        var run = await _server.SqlAsync("SELECT 1 AS a; SELECT * FROM no_such_table; SELECT 3 AS c");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(" a\n---\n 1\n(1 row)\n\n", run.Stdout);
        Assert.Equal("ERROR: NotFound: relation \"no_such_table\" does not exist (line 1, column 15)\n", run.Stderr);
    }

    [Fact]
    public async Task A_syntax_error_reports_the_gRPC_status_and_the_line_and_column()
    {
        var run = await _server.SqlAsync("SELECT 1\n  FROM WHERE");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("ERROR: InvalidArgument: syntax error at or near \"WHERE\" (line 2, column 8)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_runs_with_errors_placed_by_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fed-sql-test-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(path, """
            -- a comment; with a semicolon
            CREATE TABLE from_file (id INTEGER);
            INSERT INTO from_file
              VALUES (1), (2);
            SELECT count(*) AS n
              FROM from_file;
            SELECT *
              FROM missing_in_file;
            SELECT 'never' AS reached;
            """);
        try
        {
            var run = await _server.RunAsync(new SqlShellSettings { Port = 0, File = path });

            Assert.Equal(1, run.ExitCode);
            Assert.Equal("OK, 0 rows affected\nOK, 2 rows affected\n n\n---\n 2\n(1 row)\n\n", run.Stdout);
            Assert.Equal($"{path}:7: ERROR: NotFound: relation \"missing_in_file\" does not exist (line 2, column 8)\n", run.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Stdin_is_a_script_and_its_last_statement_needs_no_semicolon()
    {
        var run = await _server.RunAsync(new SqlShellSettings { Port = 0, Format = "csv" }, stdin: "SELECT 'a;b' AS \"x;y\";\nSELECT 2 AS two");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("x;y\r\na;b\r\ntwo\r\n2\r\n", run.Stdout);
    }

    [Fact]
    public async Task A_refused_connection_names_host_port_and_reason()
    {
        var port = FreePort();

        var run = await _server.RunAsync(new SqlShellSettings { Port = port, Command = "SELECT 1" });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith($"fed sql: cannot connect to 127.0.0.1:{port}: Connection refused", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TLS_to_a_plaintext_server_says_the_TLS_handshake_failed()
    {
        var run = await _server.RunAsync(new SqlShellSettings { Port = 0, UseTls = true, Command = "SELECT 1" });

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fed sql: cannot connect to 127.0.0.1:{_server.Port}: TLS handshake failed (", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("; does the server use TLS?\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_with_a_password_from_the_environment_connects()
    {
        Environment.SetEnvironmentVariable("FED_SQL_TEST_PASSWORD", "secret");

        var run = await _server.RunAsync(new SqlShellSettings
        {
            Port = 0,
            User = "alice",
            PasswordEnvironmentVariable = "FED_SQL_TEST_PASSWORD",
            Command = "SELECT 'in' AS status",
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(" status\n--------\n in\n(1 row)\n\n", run.Stdout);
    }

    [Fact]
    public async Task A_missing_password_variable_is_a_usage_error()
    {
        var run = await _server.RunAsync(new SqlShellSettings { Port = 0, User = "bob", PasswordEnvironmentVariable = "FED_SQL_TEST_UNSET_VARIABLE", Command = "SELECT 1" });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("fed sql: the environment variable FED_SQL_TEST_UNSET_VARIABLE (--password-env) is not set\n", run.Stderr);
    }

    [Fact]
    public async Task Describe_lists_a_tables_columns_with_SQL_type_names()
    {
        var run = await _server.SqlAsync("""
            CREATE TABLE described (id INTEGER NOT NULL, label VARCHAR, amount DECIMAL(10, 2), seen TIMESTAMP, day DATE, score DOUBLE);
            \d described
            """);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            OK, 0 rows affected
             Column |            Type             | Nullable
            --------+-----------------------------+----------
             id     | integer                     | not null
             label  | text                        |
             amount | numeric(10,2)               |
             seen   | timestamp without time zone |
             day    | date                        |
             score  | double precision            |
            (6 rows)


            """, run.Stdout);
    }

    [Fact]
    public async Task List_commands_show_schemas_and_the_tables_a_pattern_matches()
    {
        var run = await _server.SqlAsync("""
            CREATE TABLE listed_one (a INTEGER);
            CREATE TABLE listed_two (b INTEGER);
            CREATE TABLE other_three (c INTEGER);
            \dn
            \dt listed%
            """);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("""
             catalog_name | db_schema_name
            --------------+----------------
             federation   | public
            (1 row)
            """, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("""
             federation   | public         | listed_one | TABLE
             federation   | public         | listed_two | TABLE
            (2 rows)
            """, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("other_three", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_and_timing_commands_change_the_output()
    {
        var run = await _server.SqlAsync("""
            \format csv
            SELECT 1 AS a;
            \format json
            SELECT 2 AS b;
            \timing on
            SELECT 3 AS c;
            """);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("a\r\n1\r\n{\"b\":2}\n{\"c\":3}\n", run.Stdout);
        Assert.Matches(@"^Output format is csv\.\nOutput format is json\.\nTiming is on\.\nTime: \d+\.\d{3} ms\n$", run.Stderr);
    }

    [Fact]
    public async Task Timing_in_table_format_follows_the_rows()
    {
        var run = await _server.SqlAsync("\\timing\nSELECT 1 AS a;");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^Timing is on\.\n a\n---\n 1\n\(1 row\)\n\nTime: \d+\.\d{3} ms\n$", run.Stdout);
    }

    [Fact]
    public async Task Quit_stops_the_script()
    {
        var run = await _server.SqlAsync("SELECT 1 AS a;\n\\q\nSELECT * FROM never_reached;");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(" a\n---\n 1\n(1 row)\n\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task An_unknown_backslash_command_is_an_error()
    {
        var run = await _server.SqlAsync("\\nonsense");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: invalid command \\nonsense; try \\? for help\n", run.Stderr);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await _server.SqlAsync("\\?");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\\dt [PATTERN]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\\format [table|csv|json]", run.Stdout, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
