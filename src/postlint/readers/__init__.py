"""One reader per kind of scheduled-post file. Each turns a decoded file into
Posts whose `segments` map post offsets back to offsets in the file's text."""
