// libpng, used only through its simplified API (png_image_*): errors come back as a zero
// return and png_image.message, so no setjmp/longjmp ever crosses a Swift frame.
#include <png.h>
