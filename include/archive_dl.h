/*
 * archive_dl.h - libarchive, loaded only when a pack is an archive.
 *
 * Why: libarchive pulls twelve more shared libraries into the process
 * (libxml2, ICU, libstdc++, nettle, five compressors...), about 70 of its
 * 112 mappings. Every check starts with a fork of the runner (its pid
 * namespace's init), and a fork copies every mapping: with libarchive
 * linked, fork and exit cost about 0.3 ms, without it about 0.2 ms. Most
 * runs grade a directory pack and never need libarchive, so it is
 * dlopen()ed on first use instead of linked.
 *
 * Include this header instead of <archive.h>: each libarchive function
 * name becomes a call through a pointer checked against the real
 * prototype (__typeof__), so the code reads as plain libarchive calls.
 * Call archive_dl_load() before the first one.
 */
#ifndef ARCHIVE_DL_H
#define ARCHIVE_DL_H

#include <stddef.h>
#include <archive.h>
#include <archive_entry.h>

/* Every libarchive function the runner calls. */
#define ARCHIVE_DL_FUNCTIONS(X) \
	X(archive_entry_clear) X(archive_entry_filetype) X(archive_entry_free) \
	X(archive_entry_hardlink) X(archive_entry_new) X(archive_entry_pathname) \
	X(archive_entry_perm) X(archive_entry_set_filetype) X(archive_entry_set_gid) \
	X(archive_entry_set_gname) X(archive_entry_set_mtime) X(archive_entry_set_pathname) \
	X(archive_entry_set_perm) X(archive_entry_set_size) X(archive_entry_set_uid) \
	X(archive_entry_set_uname) X(archive_entry_size) X(archive_entry_size_is_set) \
	X(archive_entry_symlink) X(archive_entry_unset_size) X(archive_errno) \
	X(archive_error_string) X(archive_filter_code) X(archive_filter_count) \
	X(archive_format) X(archive_format_name) X(archive_read_data_block) \
	X(archive_read_free) X(archive_read_new) X(archive_read_next_header) \
	X(archive_read_open_filename) X(archive_read_support_filter_bzip2) \
	X(archive_read_support_filter_gzip) X(archive_read_support_filter_xz) \
	X(archive_read_support_filter_zstd) X(archive_read_support_format_tar) \
	X(archive_read_support_format_zip) X(archive_write_add_filter_gzip) \
	X(archive_write_add_filter_xz) X(archive_write_add_filter_zstd) \
	X(archive_write_close) X(archive_write_data) X(archive_write_data_block) \
	X(archive_write_disk_new) X(archive_write_disk_set_options) \
	X(archive_write_finish_entry) X(archive_write_free) X(archive_write_header) \
	X(archive_write_new) X(archive_write_open_fd) X(archive_write_set_filter_option) \
	X(archive_write_set_format_pax_restricted) X(archive_write_set_format_zip)

#define ARCHIVE_DL_POINTER(name) __typeof__(name) *name;
struct archive_dl_table {
	ARCHIVE_DL_FUNCTIONS(ARCHIVE_DL_POINTER)
};
#undef ARCHIVE_DL_POINTER

extern struct archive_dl_table archive_dl;

/* Load libarchive once. Returns 0, or -1 with a message in err (e.g.
 * "cannot load libarchive.so.13: ... (install libarchive13)"). */
int archive_dl_load(char *err, size_t errlen);

#ifndef ARCHIVE_DL_IMPLEMENTATION
#define archive_entry_clear (*archive_dl.archive_entry_clear)
#define archive_entry_filetype (*archive_dl.archive_entry_filetype)
#define archive_entry_free (*archive_dl.archive_entry_free)
#define archive_entry_hardlink (*archive_dl.archive_entry_hardlink)
#define archive_entry_new (*archive_dl.archive_entry_new)
#define archive_entry_pathname (*archive_dl.archive_entry_pathname)
#define archive_entry_perm (*archive_dl.archive_entry_perm)
#define archive_entry_set_filetype (*archive_dl.archive_entry_set_filetype)
#define archive_entry_set_gid (*archive_dl.archive_entry_set_gid)
#define archive_entry_set_gname (*archive_dl.archive_entry_set_gname)
#define archive_entry_set_mtime (*archive_dl.archive_entry_set_mtime)
#define archive_entry_set_pathname (*archive_dl.archive_entry_set_pathname)
#define archive_entry_set_perm (*archive_dl.archive_entry_set_perm)
#define archive_entry_set_size (*archive_dl.archive_entry_set_size)
#define archive_entry_set_uid (*archive_dl.archive_entry_set_uid)
#define archive_entry_set_uname (*archive_dl.archive_entry_set_uname)
#define archive_entry_size (*archive_dl.archive_entry_size)
#define archive_entry_size_is_set (*archive_dl.archive_entry_size_is_set)
#define archive_entry_symlink (*archive_dl.archive_entry_symlink)
#define archive_entry_unset_size (*archive_dl.archive_entry_unset_size)
#define archive_errno (*archive_dl.archive_errno)
#define archive_error_string (*archive_dl.archive_error_string)
#define archive_filter_code (*archive_dl.archive_filter_code)
#define archive_filter_count (*archive_dl.archive_filter_count)
#define archive_format (*archive_dl.archive_format)
#define archive_format_name (*archive_dl.archive_format_name)
#define archive_read_data_block (*archive_dl.archive_read_data_block)
#define archive_read_free (*archive_dl.archive_read_free)
#define archive_read_new (*archive_dl.archive_read_new)
#define archive_read_next_header (*archive_dl.archive_read_next_header)
#define archive_read_open_filename (*archive_dl.archive_read_open_filename)
#define archive_read_support_filter_bzip2 (*archive_dl.archive_read_support_filter_bzip2)
#define archive_read_support_filter_gzip (*archive_dl.archive_read_support_filter_gzip)
#define archive_read_support_filter_xz (*archive_dl.archive_read_support_filter_xz)
#define archive_read_support_filter_zstd (*archive_dl.archive_read_support_filter_zstd)
#define archive_read_support_format_tar (*archive_dl.archive_read_support_format_tar)
#define archive_read_support_format_zip (*archive_dl.archive_read_support_format_zip)
#define archive_write_add_filter_gzip (*archive_dl.archive_write_add_filter_gzip)
#define archive_write_add_filter_xz (*archive_dl.archive_write_add_filter_xz)
#define archive_write_add_filter_zstd (*archive_dl.archive_write_add_filter_zstd)
#define archive_write_close (*archive_dl.archive_write_close)
#define archive_write_data (*archive_dl.archive_write_data)
#define archive_write_data_block (*archive_dl.archive_write_data_block)
#define archive_write_disk_new (*archive_dl.archive_write_disk_new)
#define archive_write_disk_set_options (*archive_dl.archive_write_disk_set_options)
#define archive_write_finish_entry (*archive_dl.archive_write_finish_entry)
#define archive_write_free (*archive_dl.archive_write_free)
#define archive_write_header (*archive_dl.archive_write_header)
#define archive_write_new (*archive_dl.archive_write_new)
#define archive_write_open_fd (*archive_dl.archive_write_open_fd)
#define archive_write_set_filter_option (*archive_dl.archive_write_set_filter_option)
#define archive_write_set_format_pax_restricted (*archive_dl.archive_write_set_format_pax_restricted)
#define archive_write_set_format_zip (*archive_dl.archive_write_set_format_zip)
#endif

#endif
