using Cantus.Bench;

return BenchCommands.Create().Parse(args).Invoke();
