namespace ExecutionPlans.Benchmarks;

/// <summary>Progress goes to standard error, so standard output holds only the tables and the JSON lines.</summary>
internal static class Progress
{
    public static void Say(string message) => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {message}");
}
