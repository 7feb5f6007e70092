"""Initiatives (sáng kiến), new solutions (giải pháp mới), research (đề tài) and their attached files."""
