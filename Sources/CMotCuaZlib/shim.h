// The system zlib (Debian: zlib1g-dev), for inflating PNG image data and PDF object streams.
#include <zlib.h>
