-- Changes on every write; query results are cached under it.
select data_version from meta
