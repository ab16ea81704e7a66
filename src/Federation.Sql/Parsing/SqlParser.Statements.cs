using Federation.Common;
using Federation.Sql.Ast;
using Federation.Sql.Lexing;

namespace Federation.Sql.Parsing;

// Statements: queries, EXPLAIN, CREATE TABLE, INSERT, DROP TABLE, SET, RESET, SHOW. The external-table DDL
// (CREATE EXTERNAL SCHEMA/TABLE, DROP SCHEMA, ALTER TABLE, MSCK REPAIR TABLE) is in SqlParser.External.cs.
public sealed partial class SqlParser
{
    private Statement ParseStatement()
    {
        Token start = Current;
        switch (start.Keyword)
        {
            case Keyword.Explain:
                return ParseExplain();
            case Keyword.Create when Peek(1).Is(Keyword.External):
                return Peek(2).Is(Keyword.Schema) ? ParseCreateExternalSchema() : ParseCreateExternalTable();
            case Keyword.Create:
                return ParseCreateTable();
            case Keyword.Insert:
                return ParseInsert();
            case Keyword.Drop when Peek(1).Is(Keyword.Schema):
                return ParseDropSchema();
            case Keyword.Drop:
                return ParseDropTable();
            case Keyword.Truncate:
                return ParseTruncate();
            case Keyword.Alter:
                return ParseAlterTable();
            case Keyword.Msck:
                return ParseMsckRepairTable();
            case Keyword.Refresh:
                return ParseRefresh();
            case Keyword.Set:
                return ParseSet();
            case Keyword.Reset:
                return ParseReset();
            case Keyword.Show:
                return ParseShow();
        }

        if (StartsQuery())
        {
            return new QueryStatement(ParseQuery()) { Position = start.Position };
        }

        throw Unexpected();
    }

    private bool StartsQuery() => At(Keyword.Select) || At(Keyword.Values) || At(Keyword.With) || At(TokenKind.LeftParen);

    /// <summary>EXPLAIN [ANALYZE] [VERBOSE] statement, or EXPLAIN (ANALYZE [bool], VERBOSE [bool]) statement.</summary>
    private ExplainStatement ParseExplain()
    {
        Token explain = Advance();
        bool analyze = false;
        bool verbose = false;
        if (At(TokenKind.LeftParen) && !IsQueryGroup(_index))
        {
            Advance();
            do
            {
                Token option = Current;
                if (!IsLabel(option))
                {
                    throw Unexpected("expected an EXPLAIN option");
                }

                Advance();
                bool enabled = At(TokenKind.Comma) || At(TokenKind.RightParen) || ParseOptionBoolean();
                switch (option.Keyword)
                {
                    case Keyword.Analyze or Keyword.Analyse:
                        analyze = enabled;
                        break;
                    case Keyword.Verbose:
                        verbose = enabled;
                        break;
                    default:
                        throw InvalidSyntax($"unrecognized EXPLAIN option \"{option.Value}\"", option.Position);
                }
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightParen);
        }
        else
        {
            analyze = TryConsume(Keyword.Analyze) || TryConsume(Keyword.Analyse);
            verbose = TryConsume(Keyword.Verbose);
        }

        // As in PostgreSQL, only statements that produce rows or write a query's rows can be explained.
        Statement statement;
        if (StartsQuery())
        {
            Token start = Current;
            statement = new QueryStatement(ParseQuery()) { Position = start.Position };
        }
        else if (At(Keyword.Insert))
        {
            statement = ParseInsert();
        }
        else if (At(Keyword.Create))
        {
            Token create = Current;
            if (Peek(1).Is(Keyword.External))
            {
                throw SyntaxError(create, "EXPLAIN accepts only queries, INSERT and CREATE TABLE ... AS");
            }

            var createTable = ParseCreateTable();
            if (createTable.AsQuery is null)
            {
                throw SyntaxError(create, "EXPLAIN accepts only queries, INSERT and CREATE TABLE ... AS");
            }

            statement = createTable;
        }
        else
        {
            throw Unexpected();
        }

        return new ExplainStatement(statement, analyze, verbose) { Position = explain.Position };
    }

    /// <summary>TRUE, FALSE, ON, OFF, 1 or 0 as an option value.</summary>
    private bool ParseOptionBoolean()
    {
        Token value = Current;
        bool? result = value.Keyword switch
        {
            Keyword.True or Keyword.On => true,
            Keyword.False or Keyword.Off => false,
            _ => value.Kind == TokenKind.Number && value.Text is "1" or "0" ? value.Text == "1" : null,
        };
        if (result is null)
        {
            throw Unexpected("expected TRUE, FALSE, ON or OFF");
        }

        Advance();
        return result.Value;
    }

    /// <summary>
    /// CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] name (column type [NOT NULL|NULL], ...) [redshift attributes]
    /// or CREATE [TEMP] TABLE [IF NOT EXISTS] name [(column, ...)] [redshift attributes] AS query.
    /// </summary>
    private CreateTableStatement ParseCreateTable()
    {
        Token create = Advance();
        bool temporary = TryConsume(Keyword.Temp) || TryConsume(Keyword.Temporary);
        Expect(Keyword.Table);
        bool ifNotExists = false;
        if (TryConsume(Keyword.If))
        {
            Expect(Keyword.Not);
            Expect(Keyword.Exists);
            ifNotExists = true;
        }

        ObjectName name = ParseObjectName("a table name");
        List<ColumnDefinition> columns = [];
        List<Identifier>? asColumnNames = null;
        bool hasColumnDefinitions = false;
        if (At(TokenKind.LeftParen))
        {
            // "(a, b) AS ..." names the query's columns; "(a int, ...)" defines them.
            if (IsName(Peek(1)) && Peek(2).Kind is TokenKind.Comma or TokenKind.RightParen)
            {
                asColumnNames = ParseParenthesizedNames("a column name");
            }
            else
            {
                columns = ParseColumnDefinitions();
                hasColumnDefinitions = true;
            }
        }

        SkipRedshiftTableAttributes();

        Query? asQuery = null;
        if (!hasColumnDefinitions && TryConsume(Keyword.As))
        {
            asQuery = ParseQuery();
        }
        else if (!hasColumnDefinitions)
        {
            throw Unexpected(asColumnNames is null ? "expected \"(\" or AS" : "expected AS");
        }

        return new CreateTableStatement(name, columns, ifNotExists, temporary, asQuery, asColumnNames) { Position = create.Position };
    }

    private List<ColumnDefinition> ParseColumnDefinitions()
    {
        Expect(TokenKind.LeftParen);
        var columns = new List<ColumnDefinition>();
        if (TryConsume(TokenKind.RightParen))
        {
            return columns; // PostgreSQL allows a table without columns.
        }

        do
        {
            if (Current.Keyword is Keyword.Primary or Keyword.Unique or Keyword.Check or Keyword.Constraint
                or Keyword.Foreign or Keyword.Exclude)
            {
                throw Unexpected("table constraints are not supported");
            }

            columns.Add(ParseColumnDefinition());
        }
        while (TryConsume(TokenKind.Comma));

        if (!At(TokenKind.RightParen))
        {
            throw Unexpected("expected \",\" or \")\"");
        }

        Advance();
        return columns;
    }

    private ColumnDefinition ParseColumnDefinition()
    {
        Identifier name = ParseName("a column name");
        TypeName type = ParseTypeName();
        bool? notNull = null;
        Identifier? encoding = null;
        while (true)
        {
            Token attribute = Current;
            if (attribute.Is(Keyword.Not) && Peek(1).Is(Keyword.Null))
            {
                Advance();
                Advance();
                notNull = notNull == false ? throw ConflictingNullability(name, attribute) : true;
            }
            else if (attribute.Is(Keyword.Null))
            {
                Advance();
                notNull = notNull == true ? throw ConflictingNullability(name, attribute) : false;
            }
            else if (attribute.Is(Keyword.Encode))
            {
                // Redshift's compression encoding: local tables honour it; which names exist is the storage's to say.
                Advance();
                encoding = ParseLabel("a compression encoding");
            }
            else if (attribute.Is(Keyword.Distkey) || attribute.Is(Keyword.Sortkey))
            {
                // Distribution and sort keys steer only Redshift's physical layout: accepted and ignored.
                Advance();
            }
            else if (attribute.Keyword is Keyword.Default or Keyword.Primary or Keyword.Unique or Keyword.References
                         or Keyword.Check or Keyword.Constraint or Keyword.Collate
                     || (attribute.Kind == TokenKind.Word && attribute.Value is "identity" or "generated"))
            {
                throw Unexpected("column constraints other than NOT NULL and NULL are not supported");
            }
            else
            {
                break;
            }
        }

        return new ColumnDefinition(name, type, notNull == true, encoding) { Position = name.Position };
    }

    private static FederationException ConflictingNullability(Identifier column, Token at) =>
        InvalidSyntax($"conflicting NULL/NOT NULL declarations for column \"{column.Value}\"", at.Position);

    /// <summary>
    /// Redshift table attributes: DISTSTYLE x, DISTKEY (c), [COMPOUND|INTERLEAVED] SORTKEY (c, ...) or SORTKEY AUTO,
    /// ENCODE x, BACKUP YES|NO. They choose Redshift's physical layout only, so they are accepted and ignored.
    /// </summary>
    private void SkipRedshiftTableAttributes()
    {
        while (true)
        {
            if (TryConsume(Keyword.Diststyle) || TryConsume(Keyword.Encode) || TryConsume(Keyword.Backup))
            {
                ParseLabel("a value");
            }
            else if (TryConsume(Keyword.Distkey))
            {
                ParseParenthesizedNames("a column name");
            }
            else if (At(Keyword.Sortkey) || At(Keyword.Compound) || At(Keyword.Interleaved))
            {
                if (!TryConsume(Keyword.Sortkey))
                {
                    Advance();
                    Expect(Keyword.Sortkey);
                }

                if (!TryConsume(Keyword.Auto))
                {
                    ParseParenthesizedNames("a column name");
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>INSERT INTO name [(column, ...)] query.</summary>
    private InsertStatement ParseInsert()
    {
        Token insert = Advance();
        Expect(Keyword.Into);
        ObjectName table = ParseObjectName("a table name");
        List<Identifier>? columns = null;
        if (At(TokenKind.LeftParen) && !IsQueryGroup(_index))
        {
            columns = ParseParenthesizedNames("a column name");
        }

        if (At(Keyword.Default))
        {
            throw Unexpected("DEFAULT VALUES is not supported");
        }

        if (!StartsQuery())
        {
            throw Unexpected("expected SELECT or VALUES");
        }

        Query source = ParseQuery();
        return new InsertStatement(table, columns, source) { Position = insert.Position };
    }

    /// <summary>TRUNCATE [TABLE] name [, ...] [CONTINUE IDENTITY|RESTART IDENTITY is not accepted].</summary>
    private TruncateStatement ParseTruncate()
    {
        Token truncate = Advance();
        TryConsume(Keyword.Table);
        var names = new List<ObjectName>();
        do
        {
            names.Add(ParseObjectName("a table name"));
        }
        while (TryConsume(TokenKind.Comma));

        return new TruncateStatement(names) { Position = truncate.Position };
    }

    /// <summary>DROP TABLE [IF EXISTS] name [, ...] [CASCADE|RESTRICT].</summary>
    private DropTableStatement ParseDropTable()
    {
        Token drop = Advance();
        if (!TryConsume(Keyword.Table))
        {
            throw Unexpected("expected TABLE or SCHEMA"); // DROP SCHEMA goes to ParseDropSchema
        }

        bool ifExists = false;
        if (TryConsume(Keyword.If))
        {
            Expect(Keyword.Exists);
            ifExists = true;
        }

        var names = new List<ObjectName>();
        do
        {
            names.Add(ParseObjectName("a table name"));
        }
        while (TryConsume(TokenKind.Comma));

        bool cascade = TryConsume(Keyword.Cascade);
        if (!cascade)
        {
            TryConsume(Keyword.Restrict);
        }

        return new DropTableStatement(names, ifExists, cascade) { Position = drop.Position };
    }

    /// <summary>
    /// SET [SESSION|LOCAL] name {=|TO} value|DEFAULT, and SET TIME ZONE value|LOCAL|DEFAULT (the parameter "timezone").
    /// </summary>
    private SetStatement ParseSet()
    {
        Token set = Advance();
        bool local = false;
        if (TryConsume(Keyword.Local))
        {
            local = true;
        }
        else
        {
            TryConsume(Keyword.Session);
        }

        if (TryParseTimeZoneName(out Identifier? timeZone))
        {
            // SET TIME ZONE takes no '=' or TO; LOCAL and DEFAULT both mean the default.
            Expression? zone = TryConsume(Keyword.Local) || TryConsume(Keyword.Default) ? null : ParseSettingValue();
            return new SetStatement(timeZone, zone) { Position = set.Position, Local = local };
        }

        Identifier name = ParseName("a configuration parameter name");
        if (!TryConsume(TokenKind.Equal) && !TryConsume(Keyword.To))
        {
            throw Unexpected("expected \"=\" or TO");
        }

        Expression? value = TryConsume(Keyword.Default) ? null : ParseSettingValue();
        return new SetStatement(name, value) { Position = set.Position, Local = local };
    }

    /// <summary>
    /// A setting value. A lone word (on, off, iso, a quoted name) is the string it spells, as PostgreSQL reads it;
    /// anything else is an expression.
    /// </summary>
    private Expression ParseSettingValue()
    {
        Token value = Current;
        bool loneWord = (value.Kind == TokenKind.QuotedIdentifier
                         || (value.Kind == TokenKind.Word && value.Keyword is not (Keyword.True or Keyword.False or Keyword.Null)))
                        && Peek(1).Kind is TokenKind.Semicolon or TokenKind.EndOfInput;
        if (loneWord)
        {
            Advance();
            return new StringLiteral(value.Value) { Position = value.Position };
        }

        return ParseExpression();
    }

    /// <summary>RESET name | RESET ALL | RESET TIME ZONE.</summary>
    private ResetStatement ParseReset()
    {
        Token reset = Advance();
        return new ResetStatement(ParseSettingNameOrAll()) { Position = reset.Position };
    }

    /// <summary>SHOW name | SHOW ALL | SHOW TIME ZONE.</summary>
    private ShowStatement ParseShow()
    {
        Token show = Advance();
        return new ShowStatement(ParseSettingNameOrAll()) { Position = show.Position };
    }

    private Identifier? ParseSettingNameOrAll()
    {
        if (TryConsume(Keyword.All))
        {
            return null;
        }

        return TryParseTimeZoneName(out Identifier? timeZone) ? timeZone : ParseName("a configuration parameter name");
    }

    /// <summary>TIME ZONE as a parameter name is PostgreSQL's spelling of "timezone".</summary>
    private bool TryParseTimeZoneName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Identifier? name)
    {
        if (At(Keyword.Time) && Peek(1).Is(Keyword.Zone))
        {
            name = new Identifier("timezone", false) { Position = Current.Position };
            Advance();
            Advance();
            return true;
        }

        name = null;
        return false;
    }
}
