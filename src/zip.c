/* SPDX-License-Identifier: ISC */
/* zip.c - ZIP archives of stored files (see zip.h; PKWARE APPNOTE 4.3). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zip.h"

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void
le16(struct sbuf *b, unsigned v)
{
    sbuf_char(b, (char)(v & 0xFF));
    sbuf_char(b, (char)((v >> 8) & 0xFF));
}

static void
le32(struct sbuf *b, uint32_t v)
{
    le16(b, v & 0xFFFF);
    le16(b, v >> 16);
}

void
zip_add(struct zip *z, const char *name, const void *p, size_t len)
{
    uint32_t crc = crc32_of(p, len), off = (uint32_t)z->data.len;
    size_t nlen = strlen(name);

    /* local file header: version 2.0, UTF-8 names, stored, 1980-01-01 00:00 */
    le32(&z->data, 0x04034b50u);
    le16(&z->data, 20);
    le16(&z->data, 0x0800);
    le16(&z->data, 0);
    le16(&z->data, 0);
    le16(&z->data, 0x21);
    le32(&z->data, crc);
    le32(&z->data, (uint32_t)len);
    le32(&z->data, (uint32_t)len);
    le16(&z->data, (unsigned)nlen);
    le16(&z->data, 0);
    sbuf_put(&z->data, name, nlen);
    sbuf_put(&z->data, p, len);

    le32(&z->central, 0x02014b50u);
    le16(&z->central, 0x0314); /* made by: Unix, 2.0 */
    le16(&z->central, 20);
    le16(&z->central, 0x0800);
    le16(&z->central, 0);
    le16(&z->central, 0);
    le16(&z->central, 0x21);
    le32(&z->central, crc);
    le32(&z->central, (uint32_t)len);
    le32(&z->central, (uint32_t)len);
    le16(&z->central, (unsigned)nlen);
    le16(&z->central, 0);
    le16(&z->central, 0);
    le16(&z->central, 0);
    le16(&z->central, 0);
    le32(&z->central, 0100644u << 16); /* a regular file, rw-r--r-- */
    le32(&z->central, off);
    sbuf_put(&z->central, name, nlen);
    z->entries++;
}

char *
zip_finish(struct zip *z, size_t *len)
{
    uint32_t cd_off = (uint32_t)z->data.len, cd_len = (uint32_t)z->central.len;
    char *central = sbuf_finish(&z->central), *out;

    if (central)
        sbuf_put(&z->data, central, cd_len);
    free(central);
    le32(&z->data, 0x06054b50u);
    le16(&z->data, 0);
    le16(&z->data, 0);
    le16(&z->data, (unsigned)z->entries);
    le16(&z->data, (unsigned)z->entries);
    le32(&z->data, cd_len);
    le32(&z->data, cd_off);
    le16(&z->data, 0);
    *len = z->data.len;
    out = central ? sbuf_finish(&z->data) : (free(sbuf_finish(&z->data)), NULL);
    memset(z, 0, sizeof *z);
    return out;
}
