package io.pilothouse.testing;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PicturesTest {

    private static BufferedImage filled(Color background) {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        return image;
    }

    private static BufferedImage drawnOn(Color background) {
        BufferedImage image = filled(background);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(40 + i * 5, 90, 200 - i * 4));
            g.fillRect(5 * i, 10 + i, 5, 30);
        }
        g.dispose();
        return image;
    }

    @Test
    void aBlankFrameIsRefused() {
        assertThatThrownBy(() -> Pictures.assertRendered("blank", filled(Color.WHITE), false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("blank frame");
    }

    @Test
    void aDrawnPictureOnTheThemesBackgroundPasses() {
        Pictures.assertRendered("light", drawnOn(Color.WHITE), false);
        Pictures.assertRendered("dark", drawnOn(new Color(0x0d1117)), true);
    }

    @Test
    void theWrongThemesBackgroundIsRefused() {
        assertThatThrownBy(() -> Pictures.assertRendered("light", drawnOn(Color.WHITE), true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not a dark theme's");
    }

    @Test
    void luminanceRunsFromBlackToWhite() {
        assertThat(Pictures.luminance(0x000000)).isZero();
        assertThat(Pictures.luminance(0xffffff)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
