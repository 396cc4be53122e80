package io.pilothouse.views.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizeFormatTest {

    @Test
    void showsWholeBytesBelowOneKibibyte() {
        assertThat(ByteSizeFormat.format(0)).isEqualTo("0 B");
        assertThat(ByteSizeFormat.format(1023)).isEqualTo("1023 B");
    }

    @Test
    void showsOneDecimalInTheLargestFittingBinaryUnit() {
        assertThat(ByteSizeFormat.format(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSizeFormat.format(12_897_485)).isEqualTo("12.3 MiB");
        assertThat(ByteSizeFormat.format(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }

    @Test
    void roundsUpIntoTheNextUnitInsteadOfPrinting1024() {
        assertThat(ByteSizeFormat.format(1024 * 1024 - 1)).isEqualTo("1.0 MiB");
    }

    @Test
    void keepsTheSignOfANegativeDistance() {
        assertThat(ByteSizeFormat.format(-2048)).isEqualTo("-2.0 KiB");
        assertThat(ByteSizeFormat.format(Long.MIN_VALUE)).startsWith("-8.0 EiB");
    }
}
