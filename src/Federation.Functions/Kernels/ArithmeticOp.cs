namespace Federation.Functions.Kernels;

public enum ArithmeticOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
