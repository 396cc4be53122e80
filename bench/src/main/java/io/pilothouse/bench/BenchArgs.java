package io.pilothouse.bench;

/** The benchmarks' command-line options: {@code --name value} pairs. */
final class BenchArgs {

    private BenchArgs() {
    }

    /** The integer after {@code name} in {@code args}, or {@code def} when absent. */
    static int intArg(String[] args, String name, int def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }

    /** The word after {@code name} in {@code args}, or {@code def} when absent. */
    static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
