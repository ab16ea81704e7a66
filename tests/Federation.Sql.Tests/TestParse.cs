using Federation.Common;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;

namespace Federation.Sql.Tests;

/// <summary>Short forms for the parser entry points used throughout the tests.</summary>
internal static class TestParse
{
    /// <summary>The S-expression of an expression.</summary>
    public static string Expr(string sql) => AstFormatter.Format(SqlParser.ParseExpression(sql));

    /// <summary>The S-expression of a query statement.</summary>
    public static string Query(string sql) => AstFormatter.Format(QueryOf(sql));

    public static Query QueryOf(string sql) => Assert.IsType<QueryStatement>(SqlParser.ParseStatement(sql)).Query;

    public static SelectBody SelectOf(string sql) => Assert.IsType<SelectBody>(QueryOf(sql).Body);

    public static T Statement<T>(string sql)
        where T : Statement => Assert.IsType<T>(SqlParser.ParseStatement(sql));

    /// <summary>The message of the syntax error that parsing <paramref name="sql"/> raises.</summary>
    public static string Error(string sql)
    {
        var error = Assert.Throws<FederationException>(() => SqlParser.Parse(sql));
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
        return error.Message;
    }
}
