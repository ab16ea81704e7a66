using Federation.Common.Types;
using Federation.Logical.Expressions;

namespace Federation.Worker.Tests;

/// <summary>
/// Structural equality of expression trees: records holding lists compare those by reference, so trees that went
/// through the codec are compared node by node, every field, and every literal by type and held value.
/// </summary>
internal static class ExprAssert
{
    public static void Equal(Expr expected, Expr actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Nullable, actual.Nullable);
        Assert.Equal(expected.ToString(), actual.ToString());
        switch (expected)
        {
            case Literal l:
                var other = (Literal)actual;
                Assert.Equal(l.IsUntypedString, other.IsUntypedString);
                Value(l.Value, other.Value);
                break;
            case ColumnRef c:
                Assert.Equal(c.Column, ((ColumnRef)actual).Column);
                break;
            case BinaryExpr b:
                Assert.Equal(b.Op, ((BinaryExpr)actual).Op);
                break;
            case IsNullExpr n:
                Assert.Equal(n.Negated, ((IsNullExpr)actual).Negated);
                break;
            case InListExpr i:
                Assert.Equal(i.Negated, ((InListExpr)actual).Negated);
                break;
            case LikeExpr like:
                var otherLike = (LikeExpr)actual;
                Assert.Equal((like.Escape, like.CaseInsensitive, like.Negated), (otherLike.Escape, otherLike.CaseInsensitive, otherLike.Negated));
                break;
            case RegexMatchExpr regex:
                var otherRegex = (RegexMatchExpr)actual;
                Assert.Equal((regex.CaseInsensitive, regex.Negated, regex.Similar), (otherRegex.CaseInsensitive, otherRegex.Negated, otherRegex.Similar));
                break;
            case CastExpr cast:
                Assert.Equal(cast.Target, ((CastExpr)actual).Target);
                break;
            case CaseExpr caseExpr:
                Assert.Equal(caseExpr.Whens.Count, ((CaseExpr)actual).Whens.Count);
                Assert.Equal(caseExpr.Else is null, ((CaseExpr)actual).Else is null);
                break;
            case ScalarFunctionExpr f:
                var otherFunction = (ScalarFunctionExpr)actual;
                Assert.Same(f.Binding.Function, otherFunction.Binding.Function);
                Assert.Equal(f.Binding.ParameterTypes, otherFunction.Binding.ParameterTypes);
                Assert.Equal(f.Binding.ReturnType, otherFunction.Binding.ReturnType);
                break;
        }

        Assert.Equal(expected.Children.Count, actual.Children.Count);
        for (var i = 0; i < expected.Children.Count; i++)
        {
            Equal(expected.Children[i], actual.Children[i]);
        }
    }

    /// <summary>Same type (parameters included), same CLR representation, same value.</summary>
    public static void Value(ScalarValue expected, ScalarValue actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Value?.GetType(), actual.Value?.GetType());
        if (expected.Value is byte[] bytes)
        {
            Assert.Equal(bytes, (byte[])actual.Value!);
        }
        else
        {
            Assert.Equal(expected.Value, actual.Value);
        }
    }
}
