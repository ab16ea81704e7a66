namespace Federation.Common;

/// <summary>Every error Federation reports has one of these codes.</summary>
public enum ErrorCode
{
    SyntaxError,
    ColumnNotFound,
    TableNotFound,
    SchemaNotFound,
    FunctionNotFound,
    AmbiguousColumn,
    DuplicateObject,
    TypeMismatch,
    InvalidArgument,
    GroupingError,
    CardinalityViolation,
    DivisionByZero,
    NumericOverflow,
    InvalidCast,
    InvalidDatetime,
    InvalidRegularExpression,
    ObjectNotFound,
    ObjectReadError,
    MemoryLimitExceeded,
    /// <summary>A query would write more to the spill folder than its cap (Spill:MaxBytes) allows.</summary>
    SpillLimitExceeded,
    QueryCancelled,
    /// <summary>The statement ran longer than its statement_timeout.</summary>
    StatementTimeout,
    PermissionDenied,
    NotSupported,
    /// <summary>A fragment failed on every worker it was sent to, for reasons of the workers (each died, timed out or was unreachable).</summary>
    WorkersUnavailable,
    Internal,
}
