// libjpeg-turbo behind two small C functions. libjpeg's default error handler calls exit(),
// and the usual replacement longjmps; a longjmp must never cross a Swift frame. So the whole
// decode and encode run here, in C, with setjmp inside: Swift sees only a return code and a
// message. Warnings (a truncated file is one) are recorded too, and the caller treats them
// as errors.
#ifndef SGS_CJPEG_SHIM_H
#define SGS_CJPEG_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

/// What a decode or encode hands back. `pixels` / `bytes` are malloc'ed; free them with
/// sgs_jpeg_free. `message` holds libjpeg's text when the call fails or warned.
typedef struct {
    unsigned char *pixels;     // decode: interleaved RGB, width * height * 3
    unsigned long byteCount;   // encode: size of `pixels` (the JPEG stream)
    int width, height;
    int warnings;              // decode: libjpeg warnings (corrupt or truncated data)
    char message[JMSG_LENGTH_MAX];
} sgs_jpeg_result;

struct sgs_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    sgs_jpeg_result *result;
};

static inline void sgs_jpeg_record(j_common_ptr info) {
    struct sgs_jpeg_error *error = (struct sgs_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->result->message);
}

static inline void sgs_jpeg_error_exit(j_common_ptr info) {
    struct sgs_jpeg_error *error = (struct sgs_jpeg_error *)info->err;
    sgs_jpeg_record(info);
    longjmp(error->escape, 1);
}

/// Warnings go to `message` instead of stderr; the first one is kept.
static inline void sgs_jpeg_output_message(j_common_ptr info) {
    struct sgs_jpeg_error *error = (struct sgs_jpeg_error *)info->err;
    if (error->result->message[0] == 0) sgs_jpeg_record(info);
}

static inline void sgs_jpeg_install(struct sgs_jpeg_error *error, sgs_jpeg_result *result) {
    jpeg_std_error(&error->manager);
    error->manager.error_exit = sgs_jpeg_error_exit;
    error->manager.output_message = sgs_jpeg_output_message;
    error->result = result;
    memset(result, 0, sizeof *result);
}

static inline void sgs_jpeg_free(sgs_jpeg_result *result) {
    free(result->pixels);
    result->pixels = NULL;
}

/// Decodes a JPEG held in memory to 8-bit RGB (gray is replicated by libjpeg). Returns 1 on
/// success, 0 on failure (message set), -1 when the image has more than `maxPixels` pixels
/// (width and height set, nothing allocated).
static inline int sgs_jpeg_decode(const unsigned char *data, unsigned long size, long maxPixels,
                                  sgs_jpeg_result *result) {
    struct jpeg_decompress_struct info;
    struct sgs_jpeg_error error;
    sgs_jpeg_install(&error, result);
    info.err = &error.manager;
    jpeg_create_decompress(&info);
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&info);
        free(result->pixels);
        result->pixels = NULL;
        return 0;
    }
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    result->width = (int)info.image_width;
    result->height = (int)info.image_height;
    if ((long)info.image_width * (long)info.image_height > maxPixels) {
        jpeg_destroy_decompress(&info);
        return -1;
    }
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * 3;
    result->pixels = (unsigned char *)malloc(stride * info.output_height);
    if (result->pixels == NULL) {
        strcpy(result->message, "out of memory");
        jpeg_destroy_decompress(&info);
        return 0;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = result->pixels + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    result->warnings = (int)error.manager.num_warnings;
    jpeg_destroy_decompress(&info);
    return 1;
}

/// Encodes interleaved 8-bit RGB as a baseline JPEG of the given quality (1...100), 4:2:0,
/// into memory (`pixels`, `byteCount`). Returns 1 on success, 0 on failure (message set).
static inline int sgs_jpeg_encode(const unsigned char *rgb, int width, int height, int quality,
                                  sgs_jpeg_result *result) {
    struct jpeg_compress_struct info;
    struct sgs_jpeg_error error;
    sgs_jpeg_install(&error, result);
    info.err = &error.manager;
    jpeg_create_compress(&info);
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&info);
        sgs_jpeg_free(result);
        return 0;
    }
    // Through `result`, not locals: a local changed after setjmp is undefined after longjmp.
    jpeg_mem_dest(&info, &result->pixels, &result->byteCount);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    size_t stride = (size_t)width * 3;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + stride * info.next_scanline);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    result->width = width;
    result->height = height;
    return 1;
}


#endif
