package io.pilothouse.services.patroni;

/** Formats PostgreSQL's integer {@code server_version_num}. */
public final class PostgresVersions {

    private PostgresVersions() {
    }

    /** {@code 150018} → {@code 15.18}; {@code 90624} → {@code 9.6.24}; 0 or less → null. */
    public static String format(int num) {
        if (num <= 0) {
            return null;
        }
        if (num >= 100000) {
            return (num / 10000) + "." + (num % 10000);
        }
        return (num / 10000) + "." + (num / 100 % 100) + "." + (num % 100);
    }
}
