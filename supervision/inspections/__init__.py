"""双随机、一公开 (国务院办公厅关于推广随机抽查规范事中事后监管的通知，国办发〔2015〕58号): the lists of
enterprises and inspectors, plans drawn from a published seed, visits and their published results."""
