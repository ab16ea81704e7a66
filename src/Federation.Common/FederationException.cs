namespace Federation.Common;

/// <summary>
/// The one exception type that ends a statement. It carries a code and a category so that the
/// front ends (slt runner, Flight SQL, the shell) can map it without parsing the message.
/// </summary>
public sealed class FederationException : Exception
{
    public FederationException(ErrorCode code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public ErrorCode Code { get; }

    public ErrorCategory Category => CategoryOf(Code);

    public static ErrorCategory CategoryOf(ErrorCode code) => code switch
    {
        ErrorCode.SyntaxError or ErrorCode.ColumnNotFound or ErrorCode.TableNotFound or ErrorCode.SchemaNotFound
            or ErrorCode.FunctionNotFound or ErrorCode.AmbiguousColumn or ErrorCode.DuplicateObject
            or ErrorCode.TypeMismatch or ErrorCode.GroupingError => ErrorCategory.Plan,
        ErrorCode.NotSupported => ErrorCategory.NotSupported,
        ErrorCode.MemoryLimitExceeded or ErrorCode.SpillLimitExceeded or ErrorCode.StatementTimeout => ErrorCategory.Resource,
        ErrorCode.Internal => ErrorCategory.Internal,
        _ => ErrorCategory.Execution,
    };

    public static FederationException Plan(ErrorCode code, string message) => new(code, message);

    public static FederationException NotSupported(string what) =>
        new(ErrorCode.NotSupported, $"{what} is not supported");

    public static FederationException Internal(string message) =>
        new(ErrorCode.Internal, "internal error: " + message);
}
