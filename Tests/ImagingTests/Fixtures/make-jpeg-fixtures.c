// Writes the JPEG fixtures of JPEGTests with libjpeg itself, so the decoder is tested on
// files our writer did not make: cc make-jpeg-fixtures.c -ljpeg && ./a.out
// gradient.jpg: 32x24 RGB, baseline 4:2:0, quality 95; R = 255x/31, G = 255y/23, B = 128.
// gray.jpg: the same size, grayscale, value 255x/31.  progressive.jpg: gradient, progressive.
// truncated.jpg: gradient.jpg cut in half.  corrupt.jpg: gradient.jpg with its scan zeroed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

enum { W = 32, H = 24 };

static void write_jpeg(const char *name, int gray, int progressive) {
    struct jpeg_compress_struct c; struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e); jpeg_create_compress(&c);
    FILE *f = fopen(name, "wb"); jpeg_stdio_dest(&c, f);
    c.image_width = W; c.image_height = H;
    c.input_components = gray ? 1 : 3; c.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c); jpeg_set_quality(&c, 95, TRUE);
    if (progressive) jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[W * 3];
    while (c.next_scanline < H) {
        int y = c.next_scanline;
        for (int x = 0; x < W; x++) {
            if (gray) row[x] = (unsigned char)(255 * x / (W - 1));
            else { row[3*x] = 255 * x / (W - 1); row[3*x+1] = 255 * y / (H - 1); row[3*x+2] = 128; }
        }
        JSAMPROW r = row; jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c); jpeg_destroy_compress(&c); fclose(f);
}

int main(void) {
    write_jpeg("gradient.jpg", 0, 0);
    write_jpeg("gray.jpg", 1, 0);
    write_jpeg("progressive.jpg", 0, 1);
    FILE *f = fopen("gradient.jpg", "rb"); unsigned char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f); fclose(f);
    f = fopen("truncated.jpg", "wb"); fwrite(buf, 1, n / 2, f); fclose(f);
    // Zero everything after the start-of-scan header but keep the end marker.
    for (size_t i = 0; i + 1 < n; i++) if (buf[i] == 0xFF && buf[i+1] == 0xDA) {
        size_t start = i + 2 + (buf[i+2] << 8 | buf[i+3]);
        memset(buf + start, 0xFF, n - 2 - start);
        buf[start] = 0xFF; buf[start + 1] = 0xC4;  // a marker where entropy data belongs
        break;
    }
    f = fopen("corrupt.jpg", "wb"); fwrite(buf, 1, n, f); fclose(f);
    return 0;
}
